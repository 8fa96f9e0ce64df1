"""Every French text frugal prints for people, by key (``i18n.tr``); the keys of ``text_en``."""

from __future__ import annotations

FR = {
    # cellules et colonnes
    "col.rank": "#",
    "col.option": "Option",
    "col.class": "Classe",
    "col.per_1k": "Énergie pour 1\u202f000 éléments",
    "col.setup": "Mise en place",
    "col.use": "Usage pour {volume} éléments",
    "col.total": "Total",
    "col.total_for": "Total pour {volume} éléments",
    "col.co2e": "CO2e",
    "col.water": "Eau",
    "col.quality": "Qualité",
    "col.method": "Méthode",
    "col.ratio": "vs plus sobre",
    "col.rules": "Règles",
    "col.notes": "Notes",
    "none": "aucune",
    "unknown": "inconnue",
    "best": "meilleure",
    "excluded": "exclue",
    "method.measured": "mesurée",
    "method.published": "publiée",
    "method.estimated": "estimée",
    "setup_method": "mise en place {method}",
    "setup.fit": "entraînement",
    "setup.fine-tune": "ajustement fin",
    "sep": " ; ",
    "colon": " :",
    # frugal recommend
    "rec.options": "Options pour {query} : d'abord celles dont la qualité suffit d'après les scores publiés, puis celles de qualité inconnue ; la moins d'énergie totale d'abord dans chaque groupe :",
    "rec.q.task": "tâche {task}",
    "rec.q.kind": "données {kind}",
    "rec.q.domain": "domaine {domain}",
    "rec.q.lang": "langue des données {code}",
    "rec.q.sensitivity": "données {sensitivity}",
    "rec.q.use": "usage {use}",
    "rec.q.items": "{items} éléments",
    "rec.q.hardware": "matériel {hardware}",
    "rec.q.grid": "réseau {grid} (calculs locaux)",
    "rec.left_out": "(Non affichées sur {width} colonnes\u00a0: {columns}\u00a0; --wide, un terminal plus large ou "
                    "--format markdown affichent toutes les colonnes.)",
    "rec.showing": "{shown} options classées affichées sur {total} : la plus sobre de chaque famille qui a un "
                   "score sur le jeu de référence ou n'a aucune donnée de qualité, et celles qu'aucune option moins "
                   "coûteuse n'égale en qualité (--all pour toutes les options).",
    "rec.compared": "Lignes sans numéro ({count}) : la meilleure de chaque famille dont la qualité est connue pour "
                    "être insuffisante, affichée pour comparaison, non classée.",
    "rec.quality": "Qualité : score sur {benchmark} (0–100), entre parenthèses l'écart en points à la meilleure "
                   "option conforme aux règles ; * = sur un autre jeu de référence, non comparable (frugal catalog "
                   "show ID).",
    "rec.short": "Qualité insuffisante ({count} ; non classées) :",
    "rec.short_line": "{name}, {mode} : {score} sur {benchmark}, {why}",
    "rec.short.floor": "sous le seuil de {floor}",
    "rec.short.gap": "{gap} points sous la meilleure ({best}) ; tolérance {tolerance}",
    "verdict.none": "Aucune option ne respecte les règles pour cette question.",
    "verdict.no_benchmark": "un jeu de référence commun",
    "verdict.unknown": "Aucune option n'a de qualité suffisante établie : aucune n'a de score publié sur {benchmark}. {option} consomme le moins d'énergie ; essayez les options sur vos données (frugal trial) avant de choisir.",
    "verdict.unknown_floor": "Aucune option n'atteint {floor} sur {benchmark} d'après les scores publiés. {option} consomme le moins d'énergie parmi les autres, de qualité inconnue ; essayez-les sur vos données (frugal trial) avant de choisir.",
    "verdict.light_alone": "Utilisez {option} : {score} {de_metric} sur {benchmark}, la moins gourmande des options dont la qualité suffit ; aucune option générative n'a de score comparable.",
    "verdict.generative_alone": "Utilisez {option} : {score} {de_metric} sur {benchmark} ; aucune option légère n'a de score comparable : essayez-en une sur vos données (frugal trial).",
    "verdict.generative": "Aucune option légère ne suffit ici : la meilleure, {other}, obtient {other_score} sur {benchmark}, {gap} points sous {option} ({score} {de_metric}) ; utilisez {option}, l'option la plus légère qui suffit.",
    "verdict.generative_light_too": "Utilisez {option} : {score} {de_metric} sur {benchmark}, la moins gourmande des options dont la qualité suffit ; {other} ({other_score}, à {gap} points) suffit aussi et est plus légère : sobriété d'abord, envisagez-la.",
    "verdict.light_above": "Utilisez {option} : {score} {de_metric} sur {benchmark}, {gap} points au-dessus de {other}",
    "verdict.light_below": "Utilisez {option} : {score} {de_metric} sur {benchmark}, à {gap} points de {other}",
    "verdict.light_level": "Utilisez {option} : {score} {de_metric} sur {benchmark}, à égalité avec {other}",
    "verdict.energy_less": ", pour {ratio} de son énergie à {volume} éléments.",
    "verdict.energy_more": ", pour {ratio} son énergie à {volume} éléments.",
    "verdict.end": ".",
    "rec.disclosed": "Publié par les plateformes elles-mêmes (par requête, nombre de tokens non publié : une borne à côté de l'estimation, pas un remplacement) :",
    "rec.disclosed.figure": "{value} {unit} par {per} ({boundary})",
    "rec.disclosed.line": "{name} : {figures} — {source}, {date} ; estimation de frugal pour cette charge : {estimate} Wh par élément (usage, périmètre de l'installation, centrale)",
    "rec.excluded_rows": "Exclues ({count}) :",
    "rec.excluded_summary": "Exclues ({count} ; --show-excluded pour leurs lignes) :",
    "rec.excluded_line": "{code} ({section}) : {names}",
    "rec.rules": "Règles :",
    "rec.rule_line": "{code} : {message} ({section})",
    "rec.sources": "Sources :",
    "rec.local": "{id} : votre catalogue local, non relu ; source {source}",
    "rec.legend": "mesurée : relevée sur du matériel réel (CodeCarbon ou l'étude citée) ; publiée : annoncée par "
                  "ses auteurs ; estimée : estimateur de frugal d'après les FLOP et les octets lus. Énergie au "
                  "périmètre de l'installation (informatique × PUE) ; les totaux donnent l'estimation centrale "
                  "et (basse–haute) ; CO2e et eau suivent le total.",
    "rec.note": "Note ({code}) : {message}",
    "rec.why": "Pourquoi cet ordre (raisons et étapes de calcul en anglais) :",
    "rec.why.use": "énergie d'usage, {method} :",
    "rec.why.setup_energy": "énergie de mise en place, {method} :",
    "rec.why.setup": "mise en place : un {setup} sur {items} éléments annotés",
    # frugal compare
    "cmp.title": "Empreinte de {options} pour {task} sur {items} éléments de type {kind}, dans l'ordre de "
                 "recommend (d'abord celles dont la qualité suffit d'après les scores publiés, puis celles de qualité "
                 "inconnue, la moins d'énergie totale d'abord dans chaque groupe ; puis les exclues) :",
    "cmp.quality": "Qualité : score (0–100) sur {benchmark}.",
    "cmp.classes": "Classe d'énergie selon l'énergie pour 1\u202f000 éléments (Wh, installation) : {thresholds} ; "
                   "« vs plus sobre » = énergie totale / la plus faible énergie totale.",
    "cmp.versions": "frugal {version}, catalogue {catalog}.",
    "cmp.unable": "{name} ({id}) ne sait pas faire {task} sur des données {kind} (ses tâches : {tasks} ; "
                  "données : {kinds}) : laissé de côté.",
    # hypothèses énoncées par la bibliothèque (i18n.assumption)
    "a.assumed_kind": "Données de type {kind} supposées (--data-kind {kinds} pour changer).",
    "a.assumed_sensitive": "Données supposées sensibles, le choix prudent par défaut (--data-sensitivity "
                           "public|internal sinon).",
    "a.compared_task": "Comparaison sur la tâche {task}, celle que la plupart de ces modèles savent faire (--task "
                       "pour changer).",
    # frugal report
    "report.title": "Quel système d'IA pour {task}\u00a0? Justification du choix",
    "report.generated": "Produit par frugal {version} (catalogue {catalog}) le {date}. Ce document est "
                        "autonome : la méthode et la source de chaque chiffre sont données ci-dessous.",
    "report.overlap": "≈\u00a0: sa plage d'énergie chevauche celle de l'option classée au-dessus ; l'ordre entre les deux "
                      "est incertain.",
    "report.more_ranked": "Les {shown} options affichées sont la sélection parmi {total} options classées (la première de "
                          "chaque famille avec ou sans données de qualité, et chaque option qu'aucune moins coûteuse "
                          "n'égale en qualité) ; la ligne de chaque option est en annexe, d'où les rangs sautés.",
    "report.volume": "Pour {volume} éléments, {option} consomme {total} au périmètre de l'installation, soit environ "
                     "{carbon} CO2e et {water} d'eau.",
    "report.appendix": "Annexe",
    "report.excluded_each": "Chaque option exclue, et pourquoi",
    "report.excluded_more": "La règle, le message et la section de la charte de chaque option\u00a0: en annexe.",
    "report.question": "La question posée",
    "q.task": "Tâche : {task} (données {kind}, domaine {domain}, langue des données : {data_lang})",
    "q.sensitivity": "Sensibilité des données : {sensitivity}",
    "q.sensitivity_assumed": "Sensibilité des données\u00a0: {sensitivity} (supposée, le choix prudent par défaut\u00a0: "
                             "--data-sensitivity pour la préciser)",
    "q.use": "Usage : {use}",
    "q.volume": "Volume : {volume} éléments",
    "q.hardware": "Matériel pour les options locales : {hardware}",
    "q.hardware_default": "le profil par défaut de chaque option",
    "q.grid": "Réseau électrique des calculs locaux : {zone} ({intensity} g CO2e/kWh) ; les plateformes "
              "hébergées utilisent la zone de leur centre de données",
    "q.quality": "Qualité suffisante : {floor}",
    "q.quality_none": "aucun seuil donné : au plus {value} points sous la meilleure option autorisée (la tolérance par défaut) ; qualité inconnue classée après, signalée",
    "q.min_quality": "un score d'au moins {value} sur le jeu de référence",
    "q.tolerance": "au plus {value} points sous la meilleure option autorisée",
    "report.ranked": "Options recommandées : d'abord celles dont la qualité suffit, puis celles de qualité inconnue ; la plus sobre d'abord dans chaque groupe",
    "report.none_ranked": "Aucune option ne respecte les règles pour cette question.",
    "report.excluded": "Options exclues et règle qui exclut chacune",
    "report.none_excluded": "Aucune option n'est exclue.",
    "report.excluded_line": "{name} ({id}) : règle {code} ({section}) : {message}.",
    "report.left_out": "Modèles qui ne savent pas faire cette tâche",
    "report.footprint": "Tableau d'empreinte",
    "report.footprint_intro": "Énergie au périmètre de l'installation (informatique × PUE), estimation centrale "
                              "et (basse–haute) ; classe A–G selon l'énergie pour 1\u202f000 éléments ; rapport de "
                              "l'énergie totale à celle de l'option la plus sobre. Les nombres entre crochets "
                              "renvoient aux sources.",
    "report.plot": "Énergie et qualité",
    "report.plot_caption": "Énergie totale pour le volume (échelle logarithmique ; barres : basse–haute) et "
                           "qualité sur {benchmark}. La frontière de sobriété (Pareto) relie les options "
                           "qu'aucune autre ne bat à la fois en énergie et en qualité.",
    "report.plot_missing": "Graphique omis : {reason}",
    "report.plot_no_matplotlib": "matplotlib n'est pas installé ({hint}).",
    "report.plot_no_points": "aucune option n'a une énergie connue.",
    "report.caveats": "Mises en garde et rappels",
    "report.methodology": "Méthodologie",
    "report.assumptions": "Hypothèses",
    "report.sources": "Sources",
    "report.details": "Obtention de chaque chiffre (étapes de calcul de frugal, en anglais)",
    "report.versions": "Versions",
    "report.version_frugal": "frugal {version}",
    "report.version_catalog": "empreinte du catalogue {catalog} (sha256 des tables du catalogue, de l'ajustement "
                              "de l'estimateur et de ses données de calibration, et de vos modèles et mesures "
                              "locaux)",
    "report.benchmark": "Qualité : score (0–100) sur le jeu de référence {benchmark}.",
    "report.no_benchmark": "Qualité : aucun score publié pour cette tâche et ce domaine dans le catalogue "
                           "(inconnue).",
    "method.text": (
        "Les chiffres d'énergie proviennent, par ordre de préférence, d'une mesure sur la classe de matériel "
        "de la charge de travail (mesurée), d'un chiffre publié par ses auteurs (publiée) ou de l'estimateur "
        "de frugal (estimée : temps de calcul d'après les FLOP, temps mémoire d'après les octets lus, "
        "puissance × temps pour l'accélérateur et l'hôte). Chaque chiffre est ramené au périmètre de "
        "l'installation : les chiffres limités à l'accélérateur reçoivent la part de l'hôte, puis énergie "
        "informatique × PUE.",
        "Carbone = énergie de l'installation × intensité carbone du réseau (g CO2e/kWh). Eau = énergie "
        "informatique × eau consommée sur site (WUE) + énergie de l'installation × intensité en eau de la "
        "production d'électricité.",
        "La mise en place (entraînement ou ajustement fin sur les éléments annotés) est un coût unique, "
        "distinct de l'usage (par élément × volume) ; les totaux additionnent les deux. Les entrées "
        "incertaines sont des intervalles (basse–haute).",
        "Classement, la phrase de la charte (le système le moins gourmand qui résout le problème) : parmi les "
        "options qui savent faire la tâche et respectent toutes les règles d'exclusion, celles dont la qualité "
        "suffit d'après les scores publiés — un score comparable (même jeu de référence, même métrique, même "
        "partition que la référence de la question) au moins égal à --min-quality, ou à moins de --tolerance "
        "points de la meilleure option permise (5 par défaut) — viennent d'abord, la moins d'énergie totale "
        "de l'installation pour le volume (estimation centrale) d'abord ; puis les options de qualité "
        "inconnue, la moins d'énergie d'abord ; à égalité, la meilleure qualité connue d'abord, puis le nom. "
        "Les options dont on sait qu'elles n'atteignent pas le seuil sont listées avec leur score, non "
        "classées. Les options dont l'énergie est inconnue viennent en dernier dans leur groupe. Une option "
        "est un modèle utilisé dans un mode (entraîné, affiné, sans exemple, k exemples, affiné sur "
        "instructions) : un prompt à k exemples les porte dans l'entrée de chaque élément, l'affinage a un "
        "coût de mise en place. La sobriété d'abord est une réserve sur une option générative quand une "
        "option plus légère suffit. « ≈ » signale une option dont l'intervalle recouvre celui de l'option "
        "au-dessus.",
    ),
    "method.classes": "Classes d'énergie (Wh pour 1\u202f000 éléments, périmètre de l'installation, estimation "
                      "centrale) : {thresholds}. Une lettre par décade sur une échelle logarithmique, idée "
                      "reprise de l'étiquette énergie européenne A–G et des notes par tâche de l'AI Energy "
                      "Score [{refs}] ; les décades sont propres à frugal et valent pour toutes les tâches.",
    "a.tokens": "Longueur de texte par élément : {tokens_in} jetons en entrée, {tokens_out} jetons générés "
                "(options génératives).",
    "a.setup": "Mise en place : {train_items} éléments annotés ; l'ajustement fin fait {epochs} passes.",
    "a.batch_local": "Taille de lot locale : {batch} éléments.",
    "a.batch_hosted": "Les plateformes hébergées ne publient pas combien de requêtes elles traitent à la fois : "
                      "{low} à {high} supposées (valeur centrale {mid}, celle d'EcoLogits).",
    "a.sites": "{name} : PUE {pue}, eau sur site {wue} L/kWh, réseau {zone}.",
    "a.data_kind": "Données de type {kind} supposées (le type habituel de la tâche).",
    "a.sensitive": "Données supposées sensibles, le choix prudent par défaut.",
    # frugal disclose
    "d.heading": "Utilisation de systèmes d'IA",
    "d.model": "{name} ({details})",
    "d.version": "version {version}",
    "d.params": "{count} paramètres",
    "d.params_estimated": "environ {count} paramètres, estimation",
    "d.params_range": "{count} paramètres, estimation\u00a0: de {low} à {high}",
    "d.used": "Nous avons utilisé {model} pour {role} : {volume} éléments de type {kind}{a_volume}",
    "d.tokens_gen": ", d'environ {tokens_in} jetons en entrée et {tokens_out} jetons générés chacun{a_tokens}",
    "d.tokens": ", d'environ {tokens_in} jetons en entrée chacun{a_tokens}",
    "d.fine-tune": ", après un ajustement fin sur {train_items} éléments annotés{a_train_items} ({epochs} "
                   "époques{i_epochs})",
    "d.fit": ", après un entraînement sur {train_items} éléments annotés{a_train_items}",
    "d.zero-shot": ", sans entraînement (requêtes zero-shot)",
    "d.none": "",
    "d.local": "Il a été exécuté localement sur {hardware}{a_hardware} en {precision}{a_precision}, par lots de "
               "{batch} éléments{a_batch} (site\u00a0: {site}{a_site} ; réseau électrique {zone}{a_grid}, {intensity} "
               "g CO2e/kWh).",
    "d.assumed_mark": " (valeur supposée)",
    "d.assumed_inner": ", valeur supposée",
    "d.assumed": "Valeurs supposées, non données (précisez-les, ou corrigez le paragraphe avant de le publier)\u00a0:",
    "d.assumed.volume": "volume\u00a0: {value} éléments (--volume)",
    "d.assumed.tokens": "jetons par élément\u00a0: {value} (--tokens-in, --tokens-out)",
    "d.assumed.train_items": "éléments annotés\u00a0: {value} (--train-items)",
    "d.assumed.epochs": "époques\u00a0: {value} (valeur par défaut de frugal ; aucune option ne la fixe)",
    "d.assumed.hardware": "matériel\u00a0: {value} (--hardware)",
    "d.assumed.precision": "précision\u00a0: {value} (valeur par défaut de frugal pour ce matériel ; aucune option "
                           "ne la fixe)",
    "d.assumed.batch": "taille de lot\u00a0: {value} éléments (--batch-size)",
    "d.assumed.site": "site\u00a0: {value} (le site local du catalogue ; aucune option ne le fixe)",
    "d.assumed.grid": "réseau électrique\u00a0: {value} (--grid, --grid-intensity)",
    "d.external": "Il a été exécuté sur la plateforme {provider} (site : {site} ; réseau électrique {zone}, "
                  "{intensity} g CO2e/kWh).",
    "d.energy": "L'énergie consommée pour ce travail est {method} à {total}{measured_on} au périmètre de l'installation "
                "(PUE {pue}){setup}, soit environ {carbon} CO2e{water} {refs}.",
    "d.energy_setup": ", dont {setup} pour {phase}",
    "d.water": " et {water} d'eau",
    "d.energy_unknown": "Son énergie n'a pas pu être estimée : le catalogue n'a ni mesure ni chiffre publié "
                        "pour ce modèle et l'estimateur de frugal ne couvre pas son architecture.",
    "d.quality": "Son score publié sur {benchmark}, {mode}, est de {score} ({metric}) [{ref}].",
    "d.verdict": "Réponse de frugal pour {task}, domaine {domain} (hors paragraphe)\u00a0: {sentence}",
    "d.tool": "Empreinte calculée avec frugal {version} (catalogue {catalog}) {ref}.",
    "d.references": "Références",
    "d.method.measured": "estimée",
    "d.measured_on": " (d'après une mesure faite sur {hardware})",
    "d.method.published": "estimée d'après des mesures publiées",
    "d.method.estimated": "estimée",
    "d.phase.fine-tune": "l'ajustement fin",
    "d.phase.fit": "l'entraînement",
    "frugal.citation": "frugal {version} : classement des options d'IA selon leur consommation de "
                       "ressources, d'après la charte IA de l'institut",
    "mode.fit": "entraîné",
    "mode.fine-tuned": "affiné",
    "mode.zero-shot": "sans exemple",
    "mode.one-shot": "1 exemple",
    "mode.few-shot": "{k} exemples",
    "mode.few-shot-at-most": "jusqu'à {k} exemples",
    "mode.instruction-fine-tuned": "affiné sur instructions",
    "mode.linear-probe": "sonde linéaire",
    "mode.box-prompted": "guidé par boîte",
    "kind.text": "texte",
    "kind.tabular": "tabulaire",
    "kind.image": "image",
    # le graphique
    "plot.x": "Énergie pour {volume} éléments (Wh, installation ; échelle log.)",
    "plot.y": "Qualité sur {benchmark} (0–100)",
    "plot.frontier": "frontière de sobriété",
    "plot.title": "Quel système d'IA pour {task}\u00a0? Énergie pour {volume} éléments et qualité",
    "plot.ladder": "Échelle d'énergie\u00a0: moins de trois options ont un score sur {benchmark}",
    "plot.allowed": "autorisée",
    "plot.excluded": "exclue par une règle",
    "plot.unknown": "qualité inconnue sur ce banc d'essai (?)",
    "plot.unknown_excluded": "qualité inconnue, exclue par une règle",
    # life cycle and the frugality dossier (issue 16)
    'lc.table_title': 'Impacts sur le cycle de vie pour {volume} éléments (valeurs centrales ; usage = électricité, fabrication = matériel alloué au temps) :',
    'lc.table_note': "GWP en g CO2e, ADPe en kg Sb éq., PE en MJ, eau en L. L'eau de fabrication n'est pas modélisée ; frugal recommend --format json donne les fourchettes et les sources.",
    'lc.unit.gwp_g': 'GWP (g CO2e)', 'lc.unit.adpe_kg_sbeq': 'ADPe (kg Sb éq.)', 'lc.unit.pe_mj': 'PE (MJ)',
    'lc.unit.water_l': 'Eau (L)', 'lc.col.option': 'Option', 'lc.col.gwp_g.usage': 'GWP usage',
    'lc.col.gwp_g.embodied': 'GWP fabrication', 'lc.col.adpe_kg_sbeq.usage': 'ADPe usage',
    'lc.col.adpe_kg_sbeq.embodied': 'ADPe fabrication', 'lc.col.pe_mj.usage': 'PE usage',
    'lc.col.pe_mj.embodied': 'PE fabrication', 'lc.col.water_l.usage': 'Eau usage',
    'lc.col.water_l.embodied': 'Eau fabrication', 'dossier.title': 'Dossier de sobriété',
    'dossier.meta': 'Rédigé le {date} par frugal {version}, catalogue {catalog}.',
    'dossier.intro': 'Ce dossier indique ce qui a été mesuré ou estimé, avec la méthode de chaque chiffre. Les chiffres entre crochets sont des fourchettes basse–haute.',
    'dossier.h.register': 'Fiche du registre',
    'dossier.h.necessity': 'Démonstration du besoin (AFNOR Spec 2314)',
    'dossier.h.prehoc': 'Estimation préalable et résultats mesurés (BP23, BP31)',
    'dossier.h.lifecycle': 'Tableau du cycle de vie', 'dossier.h.sci': "SCI pour l'IA",
    'dossier.h.break_even': 'Volume de rentabilité', 'dossier.h.limits': 'Incertitudes et limites',
    'dossier.h.crosswalk': 'Correspondance avec les référentiels',
    'dossier.h.claims': 'Allégations', 'dossier.reg.field': 'Champ', 'dossier.reg.value': 'Valeur',
    'dossier.reg.team': 'Équipe', 'dossier.reg.team_none': 'non indiquée (--team)', 'dossier.reg.status': 'Statut',
    'dossier.reg.task': 'Tâche (domaine)', 'dossier.reg.models': 'Modèles évalués',
    'dossier.reg.chosen': 'Modèle retenu', 'dossier.reg.volume': 'Volume (éléments)',
    'dossier.nec.intro': "Chaque échelon, du plus léger au plus lourd, avec son option la plus sobre, sa preuve de qualité sur le banc d'essai de référence et son empreinte pour 1 000 éléments (SCI = usage + fabrication, g CO2e).",
    'dossier.nec.rung': 'Échelon', 'dossier.nec.option': 'Option',
    'dossier.nec.quality': "Qualité (banc d'essai, métrique ; méthode)",
    'dossier.nec.wh': 'Wh pour 1 000 éléments', 'dossier.nec.g': 'g CO2e pour 1 000 éléments',
    'dossier.nec.standing': 'Statut',
    'dossier.nec.rules_quality': 'non évalué ici : frugal trial exécute une référence « classe majoritaire » sur vos données ; les règles (mots-clés, expressions régulières) sont à décrire par vous',
    'dossier.nec.no_option': 'aucune option de cet échelon avec une empreinte connue',
    'dossier.rung.rules': 'Sans IA / règles', 'dossier.rung.classic-ml': 'Apprentissage classique',
    'dossier.rung.encoder': 'Encodeur', 'dossier.rung.small-lm': 'Petit modèle de langue',
    'dossier.rung.llm': 'Grand modèle de langue',
    'dossier.why.none': "Aucune option n'est assez bonne au vu des preuves disponibles : le besoin d'IA n'est pas démontré.",
    'dossier.why.chosen': "Retenu : {option} (échelon {rung}), l'option la moins gourmande dont la qualité est suffisante.",
    'dossier.why.short': "Les échelons plus légers n'atteignent pas la qualité requise : {options}.",
    'dossier.why.missing': 'Pas de preuve comparable pour ces échelons plus légers : {rungs} ; lancez frugal trial sur vos données pour les compléter.',
    'dossier.why.lowest': "C'est l'échelon évalué le plus léger.",
    'dossier.prehoc.none': "Aucune mesure bench ou trial sur cette machine pour ces options : les chiffres ci-dessus sont l'estimation préalable (BP23). Lancez frugal bench ou frugal trial pour les comparer en A/B (BP31).",
    'dossier.prehoc.intro': 'Pour chaque option, le chiffre avant toute mesure locale (catalogue livré) à côté de la mesure de cette machine (Wh pour 1 000 éléments).',
    'dossier.prehoc.before': 'Préalable (catalogue livré)', 'dossier.prehoc.measured': 'Mesuré ici',
    'dossier.lc.intro': 'Option {option}, pour {volume} éléments : chaque phase et chaque critère, avec son statut.',
    'dossier.lc.phase': 'Phase', 'dossier.lc.status': 'Statut',
    'dossier.lc.embodied_setup': 'Fabrication du matériel, part de la préparation (tous les essais)',
    'dossier.lc.embodied_use': "Fabrication du matériel, part de l'utilisation",
    'dossier.lc.total': 'Total (eau : usage seulement)',
    'dossier.lc.total_note': 'somme des lignes aux chiffres connus',
    'dossier.standing.good-enough': 'suffisante', 'dossier.standing.quality-unknown': 'qualité inconnue',
    'dossier.standing.short-of-quality': 'en deçà de la qualité requise',
    'dossier.lc.setup': 'Préparation (tous les essais), usage', 'dossier.lc.use': 'Utilisation, usage',
    'dossier.lc.eol': 'Fin de vie',
    'dossier.lc.embodied_status': 'estimé ; eau exclue (pas de données)',
    'dossier.lc.unknown': "L'énergie de l'option retenue est inconnue : pas de tableau du cycle de vie.",
    'dossier.lc.allocation': "Allocation : temps machine de la charge / (durée de vie {years} ans × taux d'utilisation {utilisation}) ; préparation comptée {runs} fois (--setup-runs).",
    'dossier.status.measured': 'mesuré', 'dossier.status.published': 'publié', 'dossier.status.estimated': 'estimé',
    'dossier.status.excluded': 'exclu', 'dossier.status.none': 'aucune (pas de préparation)',
    'dossier.sci.unit': "Unité fonctionnelle : {unit}. Justification : le volume de l'équipe se compte en éléments, et chaque option, IA ou non, traite les mêmes éléments. Score consommateur = g CO2e (exploitation + fabrication) pour 1 000 éléments en utilisation ; score fournisseur = g CO2e de la préparation, tous les essais comptés. Les compensations ne réduisent ni l'un ni l'autre.",
    'dossier.sci.consumer': 'Consommateur, g CO2e pour 1 000 éléments',
    'dossier.sci.provider': 'Fournisseur, g CO2e par préparation',
    'dossier.be.intro': "Nombre d'éléments au-delà duquel une option avec préparation émet moins (g CO2e, usage + fabrication) qu'une option sans préparation.",
    'dossier.be.none': "Aucune paire d'une option avec préparation et d'une option sans préparation aux empreintes connues.",
    'dossier.be.with_setup': 'Avec préparation', 'dossier.be.zero_setup': 'Sans préparation',
    'dossier.be.items': 'Éléments de rentabilité [fourchette]', 'dossier.be.never': 'jamais',
    'dossier.limits': "Les chiffres d'énergie sont mesurés, publiés ou estimés comme indiqué ; les estimations portent la marge d'erreur de l'estimateur et les entrées incertaines des plateformes hébergées (paramètres, lots, centre de données). Les impacts de fabrication viennent de BoaviztAPI et de NVIDIA (catalog/embodied.csv), alloués au temps sur une durée de vie et un taux d'utilisation supposés ; Boavizta n'en donne pas l'incertitude. L'eau de fabrication et la fin de vie sont exclues. Les effets de second ordre (rebond par hausse du volume) ne sont pas évalués.",
    'dossier.cw.section': 'Section',
    'dossier.cw.annex': "Annexe XI du règlement européen sur l'IA",
    'dossier.x.afnor_necessity': "besoin d'IA démontré face à des solutions plus légères",
    'dossier.x.l1801_compare': "comparaison avec l'absence d'IA",
    'dossier.x.afnor_bp23_bp31': 'BP23 estimer au préalable ; BP31 tester en A/B des modèles plus légers',
    'dossier.x.afnor_lca': 'cycle de vie, plusieurs critères',
    'dossier.x.l1801_lca': '§8.2 ACV comparative de premier ordre',
    'dossier.x.sci_embodied': 'émissions intrinsèques M',
    'dossier.x.annex_xi_energy': '§1 2(e) énergie connue ou estimée',
    'dossier.x.l1801_fu': 'unités fonctionnelles',
    'dossier.x.sci_score': 'scores consommateur et fournisseur par unité fonctionnelle',
    'dossier.x.afnor_bp31': 'BP31 meilleur rapport performance/ressources',
    'dossier.x.sci_runs': 'tous les essais de préparation comptés',
    'dossier.x.afnor_limits': 'limites de la méthodologie',
    'dossier.x.l1801_limits': 'hypothèses et qualité des données',
    'dossier.x.sci_assumptions': 'hypothèses clés indiquées', 'dossier.x.annex_xi_known': 'connu ou estimé signalé',
    'dossier.x.afnor_register': "registre des services d'IA (identifiant, statut, équipe, modèles)",
    'dossier.x.afnor_claims': 'communication sans écoblanchiment',
    'dossier.x.sci_offsets': 'les compensations ne réduisent pas le score',
    'dossier.claims': 'Les chiffres ci-dessus sont mesurés ou estimés comme indiqué, avec leur méthode. Ce dossier ne revendique aucune neutralité carbone et ne déduit aucune compensation.',
    # issue 12, étiquettes honnêtes : chiffres CPU (render/cells.py), estimate, estimator validate, trial
    'label.measured_on': 'mesurée sur {cpu} ({cores} cœurs logiques)',
    'label.measured_on_cpu': 'mesurée sur {cpu}',
    'label.load_based': "puissance CPU estimée d'après la charge",
    'label.scaled_to': 'ramenée à {target} (× {factor})',
    'semicolon': '\u00a0;',
    'label.measured_scaled': 'ramenée',
    # nombres accordés (i18n.counted)
    "n.model.one": "{n} modèle",
    "n.model.other": "{n} modèles", "n.measurement.one": "{n} mesure", "n.measurement.other": "{n} mesures",
    "n.option.one": "{n} option", "n.option.other": "{n} options", "n.run.one": "{n} exécution",
    "n.run.other": "{n} exécutions",
}
