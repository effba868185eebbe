from tiewise.goals import CATALOGUE, catalogue_goal
from tiewise.model import GoalClass


def test_the_catalogue_has_the_thirteen_goals_of_the_column():
    assert len(CATALOGUE) == 13
    assert len({g.key for g in CATALOGUE}) == 13
    for goal in CATALOGUE:
        assert goal.label_en and goal.label_nl and goal.rationale


def test_default_classes_follow_method_md():
    expected = {
        "fun": GoalClass.EXPRESSIVE,
        "sociability": GoalClass.EXPRESSIVE,
        "sounding_board": GoalClass.EXPRESSIVE,
        "clients": GoalClass.INSTRUMENTAL,
        "staff": GoalClass.INSTRUMENTAL,
        "new_job": GoalClass.INSTRUMENTAL,
        "visibility": GoalClass.INSTRUMENTAL,
        "being_seen": GoalClass.INSTRUMENTAL,
        "new_worlds": GoalClass.INSTRUMENTAL,
        "keeping_up": GoalClass.INSTRUMENTAL,
        "advice": GoalClass.MIXED,
        "knowledge_sharing": GoalClass.MIXED,
        "influence": GoalClass.MIXED,
    }
    assert {g.key: g.goal_class for g in CATALOGUE} == expected
    assert catalogue_goal("fun").label("nl") == "Plezier"
    assert catalogue_goal("nope") is None
