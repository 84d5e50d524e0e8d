"""The models of the process layer, defined per capability and re-exported here.

Django finds an app's models in its models module; the app label stays `transitie`, and with it
the tables and migrations.
"""

from transitie.brieven.models import (
    Briefbijlage,
    Briefpublicatie,
    Briefsectie,
    Publicatieopdracht,
    Publicatiestap,
    Raadsinformatiebrief,
    Toezegging,
)
from transitie.financien.models import (
    Begroting,
    Begrotingspost,
    Bijdrage,
    Kaderwijziging,
    Raadsbehandeling,
)
from transitie.onveranderlijk import (
    BeslotenVoorstelModel,
    Onveranderlijk,
    OnveranderlijkModel,
    OnveranderlijkQuerySet,
)
from transitie.plan.models import Aanbeveling, Mijlpaal, Transitieplan
from transitie.regiekamer.models import (
    Advies,
    Besluit,
    Lidmaatschap,
    Regiekamer,
    Stem,
    Verantwoordelijkheid,
)

__all__ = [
    "Aanbeveling",
    "Advies",
    "Begroting",
    "Begrotingspost",
    "BeslotenVoorstelModel",
    "Besluit",
    "Bijdrage",
    "Briefbijlage",
    "Briefpublicatie",
    "Briefsectie",
    "Kaderwijziging",
    "Lidmaatschap",
    "Mijlpaal",
    "Onveranderlijk",
    "OnveranderlijkModel",
    "OnveranderlijkQuerySet",
    "Publicatieopdracht",
    "Publicatiestap",
    "Raadsbehandeling",
    "Raadsinformatiebrief",
    "Regiekamer",
    "Stem",
    "Toezegging",
    "Transitieplan",
    "Verantwoordelijkheid",
]
