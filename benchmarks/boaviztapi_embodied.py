"""Reproduce the BoaviztAPI figures of catalog/embodied.csv (method ``estimated``), offline.

BoaviztAPI 2.5.0 runs in-process (FastAPI's test client, no server, no network):

    python -m venv /tmp/bz && /tmp/bz/bin/pip install boaviztapi==2.5.0 httpx
    /tmp/bz/bin/python benchmarks/boaviztapi_embodied.py

Prints, per request, the embedded (manufacture) GWP (kg CO2e), ADPe (kg Sb eq) and PE (MJ) with
BoaviztAPI's min and max. Not part of frugal: BoaviztAPI is not one of its dependencies.
"""

import json
import warnings

warnings.filterwarnings("ignore")

REQUESTS = [
    ("/v1/component/gpu", {"name": "NVIDIA H100 SXM 80GB"}),
    ("/v1/component/gpu", {"name": "NVIDIA A100 SXM4 40GB"}),
    ("/v1/component/gpu", {"name": "NVIDIA L4"}),
    ("/v1/server/", {"model": {"type": "rack"},
                     "configuration": {"cpu": {"units": 2, "name": "AMD EPYC 7742"}, "ram": [{"units": 16, "capacity": 32}]}}),
    ("/v1/cloud/instance", {"provider": "aws", "instance_type": "p5.48xlarge"}),
    ("/v1/cloud/instance", {"provider": "aws", "instance_type": "p4de.24xlarge"}),
]


def main() -> None:
    from boaviztapi.main import app
    from fastapi.testclient import TestClient

    client = TestClient(app)
    for route, body in REQUESTS:
        r = client.post(f"{route}?verbose=false&criteria=gwp&criteria=adp&criteria=pe", json=body)
        impacts = r.json()["impacts"]
        out = {k: {x: impacts[k]["embedded"].get(x) for x in ("value", "min", "max")} for k in ("gwp", "adp", "pe")}
        print(route, json.dumps(body), json.dumps(out))


if __name__ == "__main__":
    main()
