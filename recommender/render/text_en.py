"""Every English text frugal prints for people, by key (``i18n.tr``); ``text_fr`` has the same keys."""

from __future__ import annotations

EN = {
    # cells and columns
    "col.rank": "#",
    "col.option": "Option",
    "col.class": "Class",
    "col.per_1k": "Energy per 1k items",
    "col.setup": "Setup",
    "col.use": "Use for {volume} items",
    "col.total": "Total",
    "col.total_for": "Total for {volume} items",
    "col.co2e": "CO2e",
    "col.water": "Water",
    "col.quality": "Quality",
    "col.method": "Method",
    "col.ratio": "vs most frugal",
    "col.rules": "Rules",
    "col.notes": "Notes",
    "none": "none",
    "unknown": "unknown",
    "best": "best",
    "excluded": "excluded",
    "method.measured": "measured",
    "method.published": "published",
    "method.estimated": "estimated",
    "setup_method": "setup {method}",
    "setup.fit": "fit",
    "setup.fine-tune": "fine-tune",
    "sep": "; ",
    "colon": ":",
    # frugal recommend
    "rec.options": "Options for {query}: good enough on evidence first, then quality unknown, least total energy first in each:",
    "rec.q.task": "task {task}",
    "rec.q.kind": "{kind} data",
    "rec.q.domain": "domain {domain}",
    "rec.q.lang": "language {code}",
    "rec.q.sensitivity": "{sensitivity} data",
    "rec.q.use": "use {use}",
    "rec.q.items": "{items} items",
    "rec.q.hardware": "hardware {hardware}",
    "rec.q.grid": "grid {grid} (local runs)",
    "rec.left_out": "(Not shown at {width} columns: {columns}; --wide, a wider terminal or --format markdown "
                    "shows every column.)",
    "rec.showing": "Showing {shown} of {total} options: the most frugal of each family, hosting and domain, and "
                   "those no cheaper option matches in quality (--all for every option).",
    "rec.quality": "Quality: score on {benchmark} (0–100), in brackets the points relative to the best option that "
                   "passes the rules; * = on another benchmark, not comparable (frugal catalog show ID).",
    "rec.short": "Short of quality ({count}; not ranked):",
    "rec.short_line": "{name}, {mode}: {score} on {benchmark}, {why}",
    "rec.short.floor": "below the floor of {floor}",
    "rec.short.gap": "{gap} points below the best ({best}); tolerance {tolerance}",
    "verdict.none": "No option passes the rules for this question.",
    "verdict.no_benchmark": "any shared benchmark",
    "verdict.unknown": "No option is known to be good enough: quality is unknown on {benchmark}. {option} uses the least energy; try the options on your data (frugal trial) before choosing.",
    "verdict.unknown_floor": "No option is known to reach {floor} on {benchmark}. {option} uses the least energy of the others, whose quality is unknown; try them on your data (frugal trial) before choosing.",
    "verdict.light_alone": "Use {option}: {score} {metric} on {benchmark}, the least energy of the options good enough on evidence; no generative option has a comparable score.",
    "verdict.generative_alone": "Use {option}: {score} {metric} on {benchmark}; no light option has a comparable score: try one on your data (frugal trial).",
    "verdict.generative": "No light option is good enough here: the best, {other}, scores {other_score} on {benchmark}, {gap} points below {option} ({score} {metric}); use {option}, the lightest option that is.",
    "verdict.generative_light_too": "Use {option}: {score} {metric} on {benchmark}, the least energy of the options good enough on evidence; {other} ({other_score}, {gap} points apart) is good enough too and lighter: frugality first, consider it.",
    "verdict.light_above": "Use {option}: {score} {metric} on {benchmark}, {gap} points above {other}",
    "verdict.light_below": "Use {option}: {score} {metric} on {benchmark}, within {gap} points of {other}",
    "verdict.light_level": "Use {option}: {score} {metric} on {benchmark}, level with {other}",
    "verdict.energy_less": ", for {ratio} of its energy at {volume} items.",
    "verdict.energy_more": ", for {ratio} its energy at {volume} items.",
    "verdict.end": ".",
    "rec.disclosed": "Published by the platforms themselves (per prompt, token counts not disclosed: a bound beside the estimate, not a replacement):",
    "rec.disclosed.figure": "{value} {unit} per {per} ({boundary})",
    "rec.disclosed.line": "{name}: {figures} — {source}, {date}; frugal's estimate for this workload: {estimate} Wh per item (use, facility boundary, mid)",
    "rec.excluded_rows": "Excluded ({count}):",
    "rec.excluded_summary": "Excluded ({count}; --show-excluded for their rows):",
    "rec.excluded_line": "{code} ({section}): {names}",
    "rec.rules": "Rules:",
    "rec.rule_line": "{code}: {message} ({section})",
    "rec.sources": "Sources:",
    "rec.local": "{id}: your local catalog, not reviewed; source {source}",
    "rec.legend": "measured: metered on real hardware (CodeCarbon or the cited study); published: stated by its "
                  "authors; estimated: frugal's estimator from FLOPs and bytes moved. Energy at the facility "
                  "boundary (IT × PUE); totals show the mid estimate and (low–high); CO2e and water follow the "
                  "total.",
    "rec.note": "Note ({code}): {message}",
    "rec.why": "Why this order:",
    "rec.why.use": "use energy, {method}:",
    "rec.why.setup_energy": "setup energy, {method}:",
    "rec.why.setup": "setup: one {setup} on {items} labelled items",
    # frugal compare
    "cmp.title": "Footprint of {count} options for {task} on {items} {kind} items, least total energy first:",
    "cmp.quality": "Quality: score (0–100) on {benchmark}.",
    "cmp.classes": "Energy class from energy per 1k items (Wh, facility): {thresholds}; 'vs most frugal' = total "
                   "energy / the least total energy.",
    "cmp.versions": "frugal {version}, catalog {catalog}.",
    "cmp.unable": "{name} ({id}) cannot do {task} on {kind} data (its tasks: {tasks}; data: {kinds}): left out.",
    # assumptions the library states (i18n.assumption)
    "a.assumed_kind": "Assumed {kind} data (--data-kind {kinds} to change).",
    "a.assumed_sensitive": "Assumed sensitive data, the safe default (--data-sensitivity public|internal if it is "
                           "not).",
    "a.compared_task": "Compared on task {task}, the one most of these models can do (--task to change).",
    # frugal report
    "report.title": "Justification of the choice of an AI system: {task}",
    "report.generated": "Generated by frugal {version} (catalog {catalog}) on {date}. This document is "
                        "self-contained: every figure's method and source are given below.",
    "report.question": "The question asked",
    "q.task": "Task: {task} ({kind} data, domain {domain}, language of the data: {data_lang})",
    "q.sensitivity": "Data sensitivity: {sensitivity}",
    "q.use": "Use: {use}",
    "q.volume": "Volume: {volume} items",
    "q.hardware": "Hardware for local options: {hardware}",
    "q.hardware_default": "each option's default profile",
    "q.grid": "Electricity grid for local runs: {zone} ({intensity} g CO2e/kWh); hosted platforms use "
              "their datacenter's zone",
    "q.quality": "Good enough: {floor}",
    "q.quality_none": "no floor given: at most {value} points below the best allowed option (the default tolerance); unknown quality ranked after, marked",
    "q.min_quality": "a score of at least {value} on the reference benchmark",
    "q.tolerance": "at most {value} points below the best allowed option",
    "report.ranked": "Recommended options: good enough on evidence first, then quality unknown; least energy first in each",
    "report.none_ranked": "No option passes the rules for this question.",
    "report.excluded": "Excluded options and the rule that excludes each",
    "report.none_excluded": "No option is excluded.",
    "report.excluded_line": "{name} ({id}): rule {code} ({section}): {message}.",
    "report.left_out": "Models that cannot do this task",
    "report.footprint": "Footprint table",
    "report.footprint_intro": "Energy at the facility boundary (IT × PUE), mid estimate with (low–high); "
                              "class A–G from the energy per 1,000 items; ratio of total energy to the most "
                              "frugal option. Numbers in brackets refer to the sources.",
    "report.plot": "Energy against quality",
    "report.plot_caption": "Total energy for the volume (log scale; bars: low–high) against quality on "
                           "{benchmark}. The frugal (Pareto) frontier joins the options that no other option "
                           "beats on both energy and quality.",
    "report.plot_missing": "Plot omitted: {reason}",
    "report.plot_no_matplotlib": "matplotlib is not installed (pip install 'frugal[plot]').",
    "report.plot_no_points": "no option has a known energy.",
    "report.caveats": "Caveats and reminders",
    "report.methodology": "Methodology",
    "report.assumptions": "Assumptions",
    "report.sources": "Sources",
    "report.details": "How each figure was obtained (frugal's calculation steps)",
    "report.versions": "Versions",
    "report.version_frugal": "frugal {version}",
    "report.version_catalog": "catalog fingerprint {catalog} (sha256 of the catalog tables, the estimator's fit and "
                              "its calibration data, and your local models and measurements)",
    "report.benchmark": "Quality: score (0–100) on the reference benchmark {benchmark}.",
    "report.no_benchmark": "Quality: no published score for this task and domain in the catalog (unknown).",
    "method.text": (
        "Energy figures come, in this order of preference, from a measurement on the workload's hardware "
        "class (measured), a figure stated by its authors (published), or frugal's estimator (estimated: "
        "compute time from FLOPs, memory time from bytes moved, power × time for the accelerator and the "
        "host). Every figure is brought to the facility boundary: accelerator-only figures gain the host's "
        "share, then IT energy × PUE.",
        "Carbon = facility energy × grid carbon intensity (g CO2e/kWh). Water = IT energy × on-site water "
        "use (WUE) + facility energy × off-site water intensity of the grid.",
        "Setup (fitting or fine-tuning on the labelled items) is a one-off cost, kept apart from use "
        "(per item × volume); totals sum both. Uncertain inputs are ranges (low–high).",
        "Ranking, the guidance's sentence (the least resource-hungry system that solves the problem): among "
        "the options that can do the task and pass every exclusion rule, those good enough on evidence — a "
        "comparable score (same benchmark, metric and split as the question's reference) at or above "
        "--min-quality, or within --tolerance points of the best allowed option (5 by default) — come first, "
        "least mid total facility energy for the volume first; then the options whose quality is unknown, "
        "least energy first; ties go to higher known quality, then to the name. Options known to fall short "
        "are listed with their score, not ranked. Options whose energy is unknown come last in their group. "
        "An option is a model used in a mode (fit, fine-tuned, zero-shot, k-shot, instruction-fine-tuned): a "
        "k-shot prompt carries k examples in every item's input, fine-tuning has a setup cost. Frugality "
        "first is a caveat on a generative option when a lighter good-enough option exists. '≈' marks an "
        "option whose range overlaps the one above.",
    ),
    "method.classes": "Energy classes (Wh per 1,000 items, facility boundary, mid): {thresholds}. One letter "
                      "per decade on a log scale, an idea taken from the EU energy label's A–G scale and the "
                      "AI Energy Score's per-task ratings [{refs}]; the decades are frugal's own and hold "
                      "across tasks.",
    "a.tokens": "Text length per item: {tokens_in} input tokens, {tokens_out} generated tokens (generative "
                "options).",
    "a.setup": "Setup: {train_items} labelled items; fine-tuning runs {epochs} epochs.",
    "a.batch_local": "Local batch size: {batch} items.",
    "a.batch_hosted": "Hosted platforms serve {low}–{high} requests at once (mid {mid}).",
    "a.sites": "{name}: PUE {pue}, on-site water {wue} L/kWh, grid {zone}.",
    "a.data_kind": "Assumed {kind} data (the task's usual kind).",
    "a.sensitive": "Assumed sensitive data, the safe default.",
    # frugal disclose
    "d.heading": "Use of AI systems",
    "d.model": "{name} ({details})",
    "d.version": "version {version}",
    "d.params": "{count} parameters",
    "d.used": "We used {model} for {role}: {volume} {kind} items",
    "d.tokens_gen": ", about {tokens_in} input tokens and {tokens_out} generated tokens each",
    "d.tokens": ", about {tokens_in} input tokens each",
    "d.fine-tune": ", after fine-tuning it on {train_items} labelled items ({epochs} epochs)",
    "d.fit": ", after training it on {train_items} labelled items",
    "d.zero-shot": ", without training (zero-shot prompting)",
    "d.none": "",
    "d.local": "It ran locally on {hardware} at {precision} in batches of {batch} items (site: {site}; {zone} "
               "electricity grid, {intensity} g CO2e/kWh).",
    "d.external": "It ran on the {provider} platform (site: {site}; {zone} electricity grid, {intensity} g "
                  "CO2e/kWh).",
    "d.energy": "The energy used for this work is {method} at {total} at the facility boundary (PUE {pue}){setup}, "
                "i.e. about {carbon} CO2e{water} {refs}.",
    "d.energy_setup": ", of which {setup} for the {phase}",
    "d.water": " and {water} of water",
    "d.energy_unknown": "Its energy could not be estimated: the catalog has no measurement or published "
                        "figure for it and frugal's estimator does not cover its architecture.",
    "d.tool": "Footprint computed with frugal {version} (catalog {catalog}) {ref}.",
    "d.references": "References",
    "d.method.measured": "measured",
    "d.method.published": "estimated from published measurements",
    "d.method.estimated": "estimated",
    "d.phase.fine-tune": "fine-tuning",
    "d.phase.fit": "training",
    "frugal.citation": "frugal {version}: ranking AI options by resource use under the institute's AI "
                       "guidance",
    "mode.fit": "fit",
    "mode.fine-tuned": "fine-tuned",
    "mode.zero-shot": "zero-shot",
    "mode.one-shot": "1-shot",
    "mode.few-shot": "{k}-shot",
    "mode.instruction-fine-tuned": "instruction-fine-tuned",
    "kind.text": "text",
    "kind.tabular": "tabular",
    "kind.image": "image",
    # the plot
    "plot.x": "Energy for {volume} items (Wh, facility; log scale)",
    "plot.y": "Quality on {benchmark} (0–100)",
    "plot.frontier": "frugal frontier",
    "plot.allowed": "allowed",
    "plot.excluded": "excluded by a rule",
    "plot.unknown": "quality unknown on this benchmark (?)",
    "plot.unknown_excluded": "quality unknown, excluded by a rule",
}
