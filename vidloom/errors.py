"""Errors that vidloom's faces show to a person as one sentence."""


class UserError(ValueError):
    """Something the user asked for cannot be done as asked (bad prompt, duration, path...).

    str(error) is one clear sentence saying what is wrong and what to do instead.
    """
