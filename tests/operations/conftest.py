"""Fixtures of the office's work: an inspection in the district officer's district, its visit and a request."""

import datetime

import pytest

from operations import services
from operations.models import Inspection, InspectionRequest, Visit

D = datetime.date


@pytest.fixture
def inspection(office, commune):
    inspection = Inspection.objects.create(
        title="Kiểm tra huyện Đức Thọ", lead=office, planned_start=D(2014, 4, 1), planned_end=D(2014, 4, 3)
    )
    return inspection


@pytest.fixture
def visit(inspection, commune):
    return Visit.objects.create(inspection=inspection, commune=commune, visited_on=D(2014, 4, 1))


@pytest.fixture
def request_open(inspection, commune, office):
    return services.request_create(
        request=InspectionRequest(
            inspection=inspection, text="Bổ sung biên bản họp dân", commune=commune, deadline=D(2014, 5, 1)
        ),
        user=office,
    )
