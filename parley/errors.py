"""Named errors. The library raises these; only cli.py turns them into messages and exit codes."""


class ParleyError(Exception):
    """Base of every error Parley raises on purpose."""


class Rejected(ParleyError):
    """An input that cannot become a document; the message is the one-line reason."""


class KnowledgeBaseError(ParleyError):
    """A knowledge-base or language-pack file is missing or invalid."""


class StoreError(ParleyError):
    """The database cannot be opened or is not a Parley store."""


class NotFound(ParleyError):
    """An id (event, mechanism) that the store does not hold."""


class UsageError(ParleyError):
    """Arguments that cannot be acted on."""
