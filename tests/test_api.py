"""The public API: greenlane.app's verbs, reachable from the package root too."""

from __future__ import annotations

import pkgutil

import greenlane
import greenlane.app as app


def test_every_public_name_resolves_to_what_its_module_defines() -> None:
    assert sorted(app.__all__) == sorted(app._WHERE)
    for name in app.__all__:
        value = getattr(app, name)
        assert not isinstance(value, type(pkgutil)), f"{name} is a module"
        assert getattr(greenlane, name) is value


def test_no_module_shadows_a_public_name() -> None:
    for package in (app, greenlane):
        submodules = {m.name for m in pkgutil.iter_modules(package.__path__)}
        assert submodules, f"{package.__name__} has no modules"
        assert not submodules & set(app.__all__)


def test_an_unknown_name_is_an_attribute_error() -> None:
    for module in (app, greenlane):
        try:
            module.no_such_verb  # type: ignore[attr-defined]  # noqa: B018
        except AttributeError as exc:
            assert "no_such_verb" in str(exc)
        else:
            raise AssertionError(f"{module.__name__}.no_such_verb resolved")
