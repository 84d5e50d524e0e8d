"""Template filters for money and dates, the same functions the PDFs and exports use."""

from django import template

from drechtsteden import opmaak

register = template.Library()
register.filter("euro", opmaak.euro)
register.filter("datum", opmaak.datum)
