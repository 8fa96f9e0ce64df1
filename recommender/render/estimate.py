"""``frugal estimate``'s result as a table or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..units import (format_carbon_g, format_count, format_energy_wh, format_number, format_water_l,
                     readable_numbers)
from .i18n import count
from .listing import Listing, render as render_listing

if TYPE_CHECKING:
    from ..usecases.estimate import EstimateResult

FORMATS = ("table", "json")
BOUNDARY_WORDS = {
    "gpu": {"accelerator": "accelerator (GPUs)", "host": "host (CPU + RAM)", "it": "IT (accelerator + host)",
            "facility": "facility (IT × PUE)"},
    "cpu": {"accelerator": "CPU", "host": "host (RAM)", "it": "IT (CPU + RAM)", "facility": "facility (IT × PUE)"},
}
"""Each boundary of ``EstimateResult.energy_wh`` written out, by the profile's kind (docs/methodology.md §3)."""


def render_estimate(result: EstimateResult, fmt: str, explain: bool = False, width: int | None = None) -> str:
    """The estimate in ``fmt`` (``FORMATS``); ``explain`` adds every step (JSON: ``steps``); ``width``:
    the terminal's columns (None: this terminal's)."""
    if fmt == "json":
        from .json_format import write

        return write(result.as_dict(steps=explain))
    table = render_listing(estimate_listing(result, explain), "table", width=width)
    return "\n".join((*result.warnings, table))


def estimate_listing(result: EstimateResult, explain: bool = False) -> Listing:
    """One row per boundary, then carbon and water: mid, low, high; the inputs in the title."""
    i = result.inputs
    words = BOUNDARY_WORDS[result.estimate.spec.hardware.kind]
    rows = [(f"energy, {words[name]}", format_energy_wh(r.mid), format_energy_wh(r.low), format_energy_wh(r.high))
            for name, r in result.energy_wh.items()]
    c, w = result.carbon_g, result.water_l
    rows.append(("carbon (facility)", format_carbon_g(c.mid), format_carbon_g(c.low), format_carbon_g(c.high)))
    rows.append(("water (facility)",) + ((format_water_l(w.mid), format_water_l(w.low), format_water_l(w.high))
                                         if w else ("?", "?", "?")))
    work = (f"{i['tokens_in']} tokens in, {i['tokens_out']} out" if i.get("gflops_per_item") is None else
            f"{format_number(i['gflops_per_item'])} G multiply-adds per image"
            + (f" at {i['resolution']} px" if i.get("resolution") else "")
            + (f", training {format_number(i['epochs'])} epochs" if i.get("phase") == "fit" else ""))
    title = (f"{count(i['items'], 'en')} items: {format_count(i['params'])} params ({i['arch']}, {i['precision']}), "
             f"{work}, batch {i['batch_size']}, {i['gpus']} × {i['hardware']}, PUE {format_number(i['pue'])}, "
             f"{format_number(i['grid_intensity_g_per_kwh'])} g CO2e/kWh")
    if i["grid"] is None:
        title += f" (given; water: grid {i['water_zone']})"
    footer = ("Estimated (not measured): " + result.calibration["source"] + ".",)
    if explain:
        footer += tuple(f"  {n}. {readable_numbers(s)}" for n, s in enumerate(result.steps, start=1))
    return Listing(("quantity", "mid", "low", "high"), rows, title=title, footer=footer)
