"""Carbon and water from facility energy: one formula each, for every footprint and ``frugal estimate``.

``facility_wh`` may be a float, a numpy array or a ``Range`` (anything that multiplies by a float).
The grid zone gives both the carbon intensity (unless the user gives their own: it replaces
carbon only) and the off-site water intensity of its electricity; the site gives PUE and on-site WUE.
"""

from __future__ import annotations

from typing import TypeVar

Energy = TypeVar("Energy")


def carbon_g(facility_wh: Energy, grid_g_per_kwh: float) -> Energy:
    """g CO2e = facility Wh × grid g CO2e per kWh / 1000."""
    return facility_wh * (grid_g_per_kwh / 1000)


def water_l(facility_wh: Energy, *, pue: float, wue_l_per_kwh: float | None,
            grid_water_l_per_kwh: float | None) -> Energy | None:
    """Litres = IT Wh × on-site WUE + facility Wh × off-site water intensity, both per kWh / 1000;
    with IT = facility / PUE: facility Wh × (WUE / PUE + grid L/kWh) / 1000. None when either
    intensity is unknown."""
    if wue_l_per_kwh is None or grid_water_l_per_kwh is None:
        return None
    return facility_wh * ((wue_l_per_kwh / pue + grid_water_l_per_kwh) / 1000)
