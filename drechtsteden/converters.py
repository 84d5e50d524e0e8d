"""The URL converter for database ids: a number the database cannot hold is "not found"."""

from drechtsteden.validators import GROOTSTE_ID


class IdConverter:
    """`<id:pk>`: like `<int:pk>`, but a number beyond the database's 64-bit integer does not
    match, so the URL is a 404 instead of an OverflowError (a 500) in a lookup on a foreign key,
    which Django 5 does not range-check as it does a lookup on the primary key."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        getal = int(value)
        if getal > GROOTSTE_ID:
            raise ValueError(value)
        return getal

    def to_url(self, value: int) -> str:
        return str(value)
