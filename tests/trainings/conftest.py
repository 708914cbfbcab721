from tests.resources_fixtures import ocop_rules, source_sets, thresholds  # noqa: F401
