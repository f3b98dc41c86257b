"""Who may call an endpoint: one dependency per kind of caller, named after what they do."""

from typing import Annotated

from api.dependencies import CaseReader, CommandCall, commanding, reading
from application.roles import Action

Registrar = Annotated[CommandCall, commanding(Action.REGISTER_CASE)]
Acknowledger = Annotated[CommandCall, commanding(Action.ACKNOWLEDGE_CASE)]
Mediator = Annotated[CommandCall, commanding(Action.WORK_CASE)]
Reader = Annotated[CaseReader, reading(Action.READ_CASE)]
HistoryReader = Annotated[CaseReader, reading(Action.READ_HISTORY)]
TimelineReader = Annotated[CaseReader, reading(Action.READ_TIMELINE)]
Summariser = Annotated[CommandCall, commanding(Action.SUMMARISE_MEASURES)]
