"""The vocabulary of the authorization matrix, shared by `tests/test_authorization_matrix.py` and every
`tests/<app>/authz.py` that adds an app's URLs to it.

An app's `authz.py` holds `EXPECTED = {"app:name": {"GET": row(...), "POST": row(...)}}` and, when its URLs take
arguments, `subjects(world) -> {"app:name": {kwarg: value}}`, creating what the URLs point at. `world` holds
"users" (role -> user or None), "commune" (in the district officer's own district), "district", "small_set"
(the criteria set of 2013-2015), "year" (2014) and "kwargs" (the entries so far).
"""

ROLES = ("anonymous", "leadership", "district_officer", "other_district_officer", "office")


def row(anonymous, leadership, own, other, office) -> dict[str, object]:
    """One answer per role: anonymous, leadership, own district's officer, another district's officer, office."""
    return dict(zip(ROLES, (anonymous, leadership, own, other, office), strict=True))
