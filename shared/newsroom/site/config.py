"""The site configuration (`site.toml`): name, categories, navigation, footer, and what
the home page gives a block of its own (announcements).

`sam build` writes the shipped `site.toml` beside itself as `site.json`, the same values
(infra/lambda/package.py): a function's cold start then reads JSON, whose parser it has
loaded anyway, instead of loading a TOML parser for one file; the values are checked
here either way.
Where that file is absent (the local stack, the tests, the command line), `site.toml` is
read; a configuration named by path or `$SITE_CONFIG` is always read as it is.
"""

import os
from functools import lru_cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, ConfigDict, model_validator

DEFAULT_CONFIG = Path(__file__).with_name("site.toml")
COMPILED_CONFIG = DEFAULT_CONFIG.with_suffix(".json")


class Category(BaseModel):
    """A section of the site, with its own listing page."""

    model_config = ConfigDict(frozen=True)
    slug: str
    name: str


class NavigationLink(BaseModel):
    """A link in the site's main navigation."""

    model_config = ConfigDict(frozen=True)
    label: str
    href: str


class Footer(BaseModel):
    """Who runs the site and how to reach them."""

    model_config = ConfigDict(frozen=True)
    owner: str
    address: str
    phone: str = ""
    email: str = ""
    licence: str = ""


class Announcements(BaseModel):
    """The listing the home page shows as its announcements block: a category or a tag."""

    model_config = ConfigDict(frozen=True)
    title: str = "Thông báo"
    category: str = ""
    tag: str = ""

    @model_validator(mode="after")
    def _one_listing(self) -> Self:
        if bool(self.category) == bool(self.tag):
            raise ValueError("announcements name either a category or a tag, not both")
        return self


class SiteConfig(BaseModel):
    """Everything about the site that is not an article."""

    model_config = ConfigDict(frozen=True)
    name: str
    short_name: str
    parent: str = ""
    """The body the department belongs to, shown above its name in the header."""
    description: str
    language: str = "vi"
    time_zone: str = "Asia/Ho_Chi_Minh"
    logo: str = "logo.svg"
    base_url: str = "http://127.0.0.1:8080"
    categories: tuple[Category, ...]
    navigation: tuple[NavigationLink, ...] = ()
    footer: Footer
    announcements: Announcements | None = None

    def category(self, slug: str) -> Category:
        """The category with this slug (KeyError when there is none)."""
        for category in self.categories:
            if category.slug == slug:
                return category
        raise KeyError(slug)


@lru_cache(maxsize=4)
def load_site_config(path: str | None = None) -> SiteConfig:
    """The configuration at `path`, `$SITE_CONFIG`, or the default that ships with the code."""
    named = path or os.environ.get("SITE_CONFIG")
    if not named and COMPILED_CONFIG.is_file():
        return SiteConfig.model_validate_json(COMPILED_CONFIG.read_bytes())
    import tomllib  # only where a TOML file is read: never in a built function

    with Path(named or DEFAULT_CONFIG).open("rb") as handle:
        return SiteConfig.model_validate(tomllib.load(handle))
