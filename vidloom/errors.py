"""Errors that vidloom's faces show to a person as one sentence."""


class UserError(ValueError):
    """Something the user asked for cannot be done as asked (bad prompt, duration, path...).

    str(error) is one clear sentence saying what is wrong and what to do instead; `param`
    names the request parameter at fault, when there is one (the API's error `param`).
    Engines, specs and features raise it for what the user can fix; any other exception
    (a plain ValueError included) is a bug: HTTP 500 / exit code 1 with a log line.
    """

    def __init__(self, message: str, param: str | None = None):
        super().__init__(message)
        self.param = param
