"""The catalog (scaffolder/data/catalog.json): shape, cross-references and id look-up."""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest

from scaffolder import catalog as catalog_module
from scaffolder.catalog import LEVELS, normalise_id
from scaffolder.exceptions import PlannedKindError, ProoflaneError, UnknownIdError

ROLE_IDS = [
    "clinical-ai-evaluator",
    "ai-safety-reviewer",
    "clinical-informatics-specialist",
    "healthcare-data-analyst",
    "healthcare-data-scientist",
    "model-evaluation-support",
    "healthcare-automation-specialist",
    "ai-implementation-specialist",
    "workflow-analyst",
    "medical-ai-content-reviewer",
    "patient-education-reviewer",
    "ai-adoption-trainer",
    "ai-governance-analyst",
    "privacy-reviewer",
    "vendor-risk-specialist",
    "healthcare-ai-product-manager",
    "healthtech-product-strategist",
    "ai-workflow-product-lead",
    "medical-imaging-ai-specialist",
    "bioinformatics-ai-analyst",
    "healthcare-ai-beginner",
]
BACKGROUND_IDS = ["clinical", "data", "operations", "content", "compliance", "product", "beginner"]
LANE_IDS = ["clinical", "data", "operations", "content", "governance", "product", "research", "foundations"]
KIND_IDS = [
    "review-rubric",
    "dashboard",
    "predictive-analysis",
    "workflow-map",
    "vendor-checklist",
    "product-brief",
    "rollout-plan",
    "patient-education-rewrite",
    "training-module",
    "chatbot-evaluation",
    "imaging-evaluation",
    "biomedical-analysis",
    "safety-checklist",
]
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

# Claims the generated material must never make; a negation just before the word is allowed.
OVERCLAIM = re.compile(r"\b(diagnos\w*|detects?|detecting|replac\w*|cures?|guarantee\w*)\b", re.IGNORECASE)
NEGATION = re.compile(r"\b(not|never|no|without|nor)\b[^.;]{0,30}$", re.IGNORECASE)


@pytest.fixture(scope="module")
def cat() -> catalog_module.Catalog:
    return catalog_module.load()


@pytest.fixture(scope="module")
def raw() -> dict:
    text = resources.files("scaffolder").joinpath("data/catalog.json").read_text(encoding="utf-8")
    return json.loads(text)


def _one_sentence(message: str) -> bool:
    """True when the message is a single sentence: ends with . or ? and has no sentence break inside."""
    return bool(re.search(r"[.?!]$", message)) and not re.search(r"[.?!]\s+[A-Z]", message)


def _all_strings(node: object) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [s for value in node.values() for s in _all_strings(value)]
    if isinstance(node, list):
        return [s for item in node for s in _all_strings(item)]
    return []


# --- shape -----------------------------------------------------------------------------------


def test_load_is_cached_and_complete(cat: catalog_module.Catalog) -> None:
    assert catalog_module.load() is cat
    assert [r.id for r in cat.roles] == ROLE_IDS
    assert [b.id for b in cat.backgrounds] == BACKGROUND_IDS
    assert [lane.id for lane in cat.lanes] == LANE_IDS
    assert [k.id for k in cat.kinds] == KIND_IDS


def test_ids_are_kebab_case_and_unique(cat: catalog_module.Catalog) -> None:
    for group in (cat.roles, cat.backgrounds, cat.lanes, cat.kinds):
        ids = [item.id for item in group]
        assert len(ids) == len(set(ids))
        for item_id in ids:
            assert KEBAB.match(item_id), item_id
            assert normalise_id(item_id) == item_id


def test_json_round_trips_through_dataclasses(cat: catalog_module.Catalog, raw: dict) -> None:
    assert [r.to_dict() for r in cat.roles] == raw["roles"]
    assert [k.to_dict() for k in cat.kinds] == raw["kinds"]
    json.dumps([r.to_dict() for r in cat.roles])


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_role_fields_are_filled_and_valid(cat: catalog_module.Catalog, role_id: str) -> None:
    role = cat.role(role_id)
    for field in ("title", "summary", "best_background", "positioning"):
        assert getattr(role, field).strip(), field
    assert role.coding_level in LEVELS
    assert role.healthcare_knowledge in LEVELS
    assert 3 <= len(role.next_skills) <= 5
    assert 6 <= len(role.keywords) <= 10
    assert all(s.strip() for s in role.next_skills + role.keywords)
    assert len(set(role.keywords)) == len(role.keywords)
    assert role.positioning.startswith("I ")
    assert "expert" not in role.positioning.lower()


def test_levels_follow_the_comparison_table(cat: catalog_module.Catalog) -> None:
    expected = {
        "clinical-ai-evaluator": ("low-medium", "high"),
        "healthcare-data-analyst": ("medium", "medium"),
        "healthcare-data-scientist": ("high", "medium-high"),
        "clinical-informatics-specialist": ("low-medium", "high"),
        "healthcare-ai-product-manager": ("low-medium", "medium-high"),
        "healthcare-automation-specialist": ("medium", "medium"),
        "ai-governance-analyst": ("low-medium", "high"),
        "medical-ai-content-reviewer": ("low", "medium-high"),
        "ai-implementation-specialist": ("low-medium", "medium"),
        "bioinformatics-ai-analyst": ("high", "high"),
    }
    for role_id, levels in expected.items():
        role = cat.role(role_id)
        assert (role.coding_level, role.healthcare_knowledge) == levels, role_id


def test_backgrounds_lanes_and_kinds_are_filled(cat: catalog_module.Catalog) -> None:
    for bg in cat.backgrounds:
        assert bg.label.strip() and bg.description.strip() and bg.first_project.strip()
    for lane in cat.lanes:
        assert lane.label.strip() and lane.description.strip()
    for kind in cat.kinds:
        assert kind.status in ("built", "planned")
        for field in ("title", "summary", "heart", "synthetic_data"):
            assert getattr(kind, field).strip(), (kind.id, field)
    assert cat.built_kinds(), "at least one kind must be buildable"


def test_text_makes_no_overclaims(raw: dict) -> None:
    for text in _all_strings(raw):
        for match in OVERCLAIM.finditer(text):
            before = text[: match.start()]
            assert NEGATION.search(before), f"overclaim {match.group(0)!r} in: {text}"


# --- references ------------------------------------------------------------------------------


def test_lanes_resolve_and_each_lane_has_a_role(cat: catalog_module.Catalog) -> None:
    lane_ids = {lane.id for lane in cat.lanes}
    used = {r.lane for r in cat.roles}
    assert used <= lane_ids
    assert used == lane_ids


def test_fit_scores_reference_backgrounds(cat: catalog_module.Catalog) -> None:
    for role in cat.roles:
        assert set(role.fit) <= set(BACKGROUND_IDS), role.id
        assert all(score in (1, 2, 3) for score in role.fit.values()), role.id
        assert 3 in role.fit.values(), f"{role.id} has no best-fit background"


@pytest.mark.parametrize("background_id", BACKGROUND_IDS)
def test_each_background_has_two_best_fit_roles(cat: catalog_module.Catalog, background_id: str) -> None:
    best = [r.id for r in cat.roles if r.fit.get(background_id) == 3]
    assert len(best) >= 2, (background_id, best)


def test_fit_map_roles_score_three(cat: catalog_module.Catalog) -> None:
    fit_map = {
        "clinical": ["clinical-ai-evaluator", "clinical-informatics-specialist", "ai-safety-reviewer"],
        "data": ["healthcare-data-analyst", "healthcare-data-scientist", "model-evaluation-support"],
        "operations": ["healthcare-automation-specialist", "ai-implementation-specialist", "workflow-analyst"],
        "content": ["medical-ai-content-reviewer", "patient-education-reviewer", "ai-adoption-trainer"],
        "compliance": ["ai-governance-analyst", "privacy-reviewer", "vendor-risk-specialist"],
        "product": ["healthcare-ai-product-manager", "healthtech-product-strategist", "ai-workflow-product-lead"],
        "beginner": ["healthcare-ai-beginner"],
    }
    for background_id, role_ids in fit_map.items():
        for role_id in role_ids:
            assert cat.role(role_id).fit.get(background_id) == 3, (background_id, role_id)


def test_role_kinds_resolve(cat: catalog_module.Catalog) -> None:
    kind_ids = {k.id for k in cat.kinds}
    for role in cat.roles:
        assert role.project_kind in kind_ids, role.id
        assert set(role.alternate_kinds) <= kind_ids, role.id
        assert role.project_kind not in role.alternate_kinds, role.id
        assert len(set(role.alternate_kinds)) == len(role.alternate_kinds), role.id


def test_kinds_and_roles_agree_both_ways(cat: catalog_module.Catalog) -> None:
    for kind in cat.kinds:
        assert kind.roles, f"{kind.id} serves no role"
        assert len(set(kind.roles)) == len(kind.roles)
        serving = {r.id for r in cat.roles if kind.id == r.project_kind or kind.id in r.alternate_kinds}
        assert set(kind.roles) == serving, kind.id
    for role in cat.roles:
        assert role.id in cat.kind(role.project_kind).roles


def test_kind_roles_list_primary_roles_first(cat: catalog_module.Catalog) -> None:
    # The first role of a kind is the default answer in its cookiecutter.json.
    for kind in cat.kinds:
        primaries = [r for r in kind.roles if cat.role(r).project_kind == kind.id]
        assert list(kind.roles[: len(primaries)]) == primaries, kind.id


# --- resolve ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_resolve_role_gives_a_built_kind_or_a_clear_error(cat: catalog_module.Catalog, role_id: str) -> None:
    role = cat.role(role_id)
    try:
        got_role, kind = cat.resolve(role_id)
    except PlannedKindError as err:
        message = str(err)
        assert _one_sentence(message), message
        assert "prooflane new" in message
        return
    assert got_role == role
    assert kind.built
    if kind.id != role.project_kind:
        assert not cat.kind(role.project_kind).built
        first_built = next(k for k in role.alternate_kinds if cat.kind(k).built)
        assert kind.id == first_built


def test_every_role_can_be_scaffolded_now(cat: catalog_module.Catalog) -> None:
    stuck = []
    for role in cat.roles:
        try:
            cat.resolve(role.id)
        except PlannedKindError:
            stuck.append(role.id)
    assert stuck == []


def test_imaging_specialist_bakes_the_imaging_evaluation(cat: catalog_module.Catalog) -> None:
    _, kind = cat.resolve("medical-imaging-ai-specialist")
    assert kind.id == "imaging-evaluation" and kind.built


def test_resolve_built_kind_id(cat: catalog_module.Catalog) -> None:
    for kind in cat.built_kinds():
        assert cat.resolve(kind.id) == (None, kind)


def test_resolve_planned_kind_names_an_alternative(cat: catalog_module.Catalog) -> None:
    planned = [k for k in cat.kinds if not k.built]
    if not planned:
        pytest.skip("every kind is built")
    built_ids = {k.id for k in cat.built_kinds()}
    for kind in planned:
        with pytest.raises(PlannedKindError) as info:
            cat.resolve(kind.id)
        message = str(info.value)
        assert _one_sentence(message), message
        assert kind.id in message
        named = re.search(r"prooflane new ([a-z0-9-]+)", message)
        assert named and named.group(1) in built_ids, message


def test_resolve_unknown_id_suggests_close_ids(cat: catalog_module.Catalog) -> None:
    with pytest.raises(UnknownIdError) as info:
        cat.resolve("healthcare-data-analist")
    message = str(info.value)
    assert "healthcare-data-analyst" in message
    assert _one_sentence(message), message
    assert isinstance(info.value, ProoflaneError)


def test_unknown_id_without_close_match_points_to_the_listing(cat: catalog_module.Catalog) -> None:
    with pytest.raises(UnknownIdError) as info:
        cat.resolve("zzzz")
    message = str(info.value)
    assert "prooflane roles" in message
    assert _one_sentence(message), message


def test_unknown_background_lists_the_choices(cat: catalog_module.Catalog) -> None:
    with pytest.raises(UnknownIdError) as info:
        cat.background("zzzz")
    assert all(b in str(info.value) for b in BACKGROUND_IDS)


def test_unknown_kind_suggests_close_ids(cat: catalog_module.Catalog) -> None:
    with pytest.raises(UnknownIdError, match="dashboard"):
        cat.kind("dashbord")


def test_long_unknown_id_is_shortened_in_the_message(cat: catalog_module.Catalog) -> None:
    with pytest.raises(UnknownIdError) as info:
        cat.role("x" * 500)
    assert len(str(info.value)) < 200


@pytest.mark.parametrize(
    "given",
    ["Healthcare Data Analyst", "healthcare_data_analyst", "  HEALTHCARE-data_analyst ", "healthcare  data-analyst"],
)
def test_normalise_id_forgives_case_spaces_and_underscores(cat: catalog_module.Catalog, given: str) -> None:
    assert normalise_id(given) == "healthcare-data-analyst"
    assert cat.role(given).id == "healthcare-data-analyst"
    role, kind = cat.resolve(given)
    assert role is not None and role.id == "healthcare-data-analyst"
    assert kind.id == "dashboard"


def test_lookup_by_kind_and_background_is_forgiving(cat: catalog_module.Catalog) -> None:
    assert cat.kind("Workflow Map").id == "workflow-map"
    assert cat.background("Compliance").id == "compliance"
