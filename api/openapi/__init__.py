"""The OpenAPI document real clients use as it is: problems, operationIds, examples, links."""
