"""The staff UI (Danish and English, no JavaScript), one blueprint: each module adds its pages."""

from sammen.routing.pages import (  # noqa: F401 (importing a module registers its pages)
    answer_templates,
    associations,
    auth,
    case,
    directory,
    inbox,
    overview,
    privacy,
)
from sammen.routing.pages.blueprint import pages

__all__ = ["pages"]
