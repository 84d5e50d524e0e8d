"""The regiekamers: members, advice, votes, decisions and the besluitenlijst."""
