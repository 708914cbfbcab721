"""The Celery application: Redis as broker (CELERY_BROKER_URL), tasks found in every app's tasks.py.

`make serve` starts a worker beside gunicorn (`celery -A ntm worker`); under `make run` the tasks run in the
request's own process (CELERY_TASK_ALWAYS_EAGER), so no worker is needed for the demo. DJANGO_SETTINGS_MODULE comes
from the environment, as for manage.py.
"""

from celery import Celery

app = Celery("ntm")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
