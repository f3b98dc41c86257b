"""Teaches schemathesis the one format of ours it cannot guess: If-Match's entity-tag."""

from __future__ import annotations

import schemathesis
from hypothesis import strategies as st

ENTITY_TAG = st.one_of(
    st.just("*"), st.from_regex(r'\A(W/)?"[0-9]{1,3}"\Z'), st.from_regex(r'\A"[!#-~]{0,12}"\Z')
)
"""Mostly versions a case may have (so some requests pass), sometimes any well-formed tag."""

schemathesis.openapi.format("entity-tag", ENTITY_TAG)
