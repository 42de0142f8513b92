"""The load benchmark's bare view exists only on a server started with COMMONGROUND_BENCH."""

from django.test import Client


def test_the_bare_benchmark_view_is_not_routed_on_a_normal_site(client: Client) -> None:
    assert client.get("/bench/bare").status_code == 404
