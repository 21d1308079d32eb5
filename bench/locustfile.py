"""Locust scenario for `make load`: visitors reading pages, searching and signing up.

Each successful signup's address is written to the file named by LOAD_SIGNUPS_FILE, so
that bench/load.py can check afterwards that every one of them is in the database.
"""

import os
import random
import uuid

from locust import HttpUser, between, events, task

SEARCH_WORDS = ["coopération", "école", "conseil", "ecole", "coopératives", "élèves", "démocratie", "xyzzy"]
PAGES = ["/", "/actualites/", "/ressources/", "/projets/", "/pres-de-chez-vous/", "/pres-de-chez-vous/?q=93"]
SIGNED_UP: list[str] = []


class Visitor(HttpUser):
    wait_time = between(0.05, 0.3)

    @task(6)
    def read_a_page(self):
        self.client.get(random.choice(PAGES), name="page")  # noqa: S311

    @task(3)
    def search(self):
        params = {"q": random.choice(SEARCH_WORDS)}  # noqa: S311
        if random.random() < 0.3:  # noqa: S311
            params["page"] = random.randint(2, 5)  # noqa: S311
        self.client.get("/recherche/", params=params, name="recherche")

    @task(1)
    def sign_up(self):
        email = f"charge-{uuid.uuid4().hex}@example.org"
        with self.client.post(
            "/newsletter/",
            data={"email": email, "consent": "on", "page": "/"},
            allow_redirects=False,
            name="inscription",
            catch_response=True,
        ) as response:
            if response.status_code in (302, 303):
                SIGNED_UP.append(email)
                response.success()
            else:
                response.failure(f"inscription refusée : {response.status_code}")


@events.test_stop.add_listener
def write_signups(**_kwargs):
    path = os.environ.get("LOAD_SIGNUPS_FILE")
    if path:
        with open(path, "w") as handle:
            handle.write("\n".join(SIGNED_UP))
