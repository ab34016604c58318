#!/usr/bin/env python3
"""Writes broken/*.ron and warnings/*.ron: base.ron with one defect each.

Each case lists edits (old text -> new text) where `@` marks the place the diagnostic must
point at, and the expected message. The marker's line:column is written into the file's
`// expect:` header, so expectations never come from the validator itself.
Run from this folder after changing base.ron or the cases; commit the files it writes.
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
BASE = open(os.path.join(HERE, "base.ron"), encoding="utf-8").read()
BASE = BASE[BASE.index("Scenario("):]

# (file, rule, severity, message substring, [(old, new with @)])
CASES = [
    ("syntax-missing-comma", "a syntax error is located", "error", "expected `,` or `)`",
     [('(id: "north", name: "North", population: 1000,', '(id: "north", name: "North" @population: 1000,')]),
    ("syntax-missing-quote", "a missing quote swallows the text after it", "error", "expected `,` or `)`, found `2`",
     [('title: "Base", start: "2026', 'title: "Base, start: "@2026')]),
    ("syntax-unclosed-list", "an unclosed bracket at the end of the file", "error", "`[` is never closed",
     [('    objectives: [', '    objectives: @['), ('    ],\n)', '')]),
    ("syntax-trailing-text", "text after the scenario", "error", "after the end",
     [('    ],\n)', '    ],\n)\n@)')]),
    ("syntax-bare-duration", "an unquoted duration", "error", "not a valid number",
     [('duration: "2d"', 'duration: @2d')]),
    ("missing-field", "a required field is missing", "error", "district `north` is missing `population`",
     [('(id: "north", name: "North", population: 1000, ', '@(id: "north", name: "North", ')]),
    ("missing-section", "a required section is missing", "error", "missing `pathogen`",
     [('Scenario(', '@Scenario('), ('    pathogen: (name: "Flu", r0: 1.5, latent_days: 2.0, infectious_days: 4.0),\n', '')]),
    ("unknown-field", "an unknown field, with a suggestion", "error", "district `north` has no field `popluation`",
     [('population: 1000', '@popluation: 1000')]),
    ("duplicate-field", "a field given twice", "error", "field `title` is given twice",
     [('title: "Trace", teams', 'title: "Trace", @title: "Again", teams')]),
    ("wrong-type", "a value of the wrong type", "error", "`population`: expected a whole number, found text",
     [('population: 2000', 'population: @"many"')]),
    ("wrong-shape", "a list where a record is expected", "error", "expected the `pathogen` section written as `(field: value, ...)`",
     [('pathogen: (name: "Flu", r0: 1.5, latent_days: 2.0, infectious_days: 4.0)', 'pathogen: @["Flu"]')]),
    ("unknown-variant", "a misspelt choice", "error", "`Hospitl` is not a facility kind",
     [('kind: Hospital', 'kind: @Hospitl')]),
    ("quoted-variant", "a choice written in quotes", "error", "without quotes",
     [('role: Tracing, speed', 'role: @"Tracing", speed')]),
    ("negative-count", "a negative population", "error", "must be zero or more, found -5",
     [('population: 1000', 'population: @-5')]),
    ("share-above-one", "a share above 1, with the percent hint", "error", "must be a share between 0 and 1, found 40 (for 40% write 0.4)",
     [('r0: 1.5,', 'r0: 1.5, asymptomatic_share: @40,')]),
    ("zero-speed", "a speed of zero", "error", "must be greater than 0",
     [('speed_kmh: 30.0', 'speed_kmh: @0.0')]),
    ("bad-duration", "a duration in words", "error", "\"2 hours\" is not a duration",
     [('within: "2h"', 'within: @"2 hours"')]),
    ("bad-date", "an impossible date", "error", "\"2026-02-30T08:00\" is not a valid date",
     [('start: "2026-01-01T08:00"', 'start: @"2026-02-30T08:00"')]),
    ("time-before-start", "a clock time before the start", "error", "before the exercise starts",
     [('trigger: At("1h")', 'trigger: At(@"D1 07:00")')]),
    ("invalid-id", "an id with spaces", "error", "contains ' '",
     [('(id: "t", resource', '(id: @"t two", resource')]),
    ("duplicate-id", "two districts with one id", "error", "district id `north` is used twice",
     [('(id: "south", name: "South", population: 2000, position: (0.0, 5.0)),', '(id: "south", name: "South", population: 2000, position: (0.0, 5.0)),\n            (id: @"north", name: "North again", population: 10, position: (1.0, 1.0)),')]),
    ("shared-place-id", "a facility with a district's id", "error", "is already the id of a district",
     [('(id: "hospital", name: "Hospital"', '(id: @"south", name: "Hospital"'), ('base: "hospital"', 'base: "north"'), ('resupply: [(to: "hospital", quantity: 10, every: "1d")]', 'resupply: []')]),
    ("duplicate-map-key", "a stock key given twice", "error", "this key is given twice",
     [('stock: {"kits": 100}', 'stock: {"kits": 100, @"kits": 5}')]),
    ("unknown-district", "a reference to no district, with a suggestion", "error", "facility `hospital`: there is no district `nort`",
     [('kind: Hospital, district: "north"', 'kind: Hospital, district: @"nort"')]),
    ("wrong-kind-reference", "a facility where a district is needed", "error", "`hospital` is a facility, not a district",
     [('NewCases(district: "south"', 'NewCases(district: @"hospital"')]),
    ("unknown-team", "an inject for an unknown team", "error", "inject `I1`: there is no team or agency `bleu`",
     [('to: ["blue"]', 'to: [@"bleu"]')]),
    ("unknown-resource", "a unit of an unknown type", "error", "there is no resource type `tracr`",
     [('resource: "tracer"', 'resource: @"tracr"')]),
    ("unknown-supply", "stock of an unknown supply", "error", "there is no supply `kit`",
     [('consumes: "kits"', 'consumes: @"kit"')]),
    ("unknown-objective", "an inject scoring an unknown objective", "error", "there is no objective `o2`",
     [('message: "A case.",', 'message: "A case.", objective: @"o2",')]),
    ("inject-after-end", "an inject after the exercise ends", "error", "fires at 3d, after the exercise ends (2d)",
     [('(id: "I1", title: "Case", trigger: At("1h")', '(id: @"I1", title: "Case", trigger: At("3d")')]),
    ("deadline-after-end", "a NotDone deadline after the end", "error", "after the exercise ends",
     [('trigger: When(AfterInject(inject: "I1", delay: "2h"))', 'trigger: When(NotDone(team: @"blue", action: Statement, by: "5d"))')]),
    ("initial-cases-after-end", "initial cases after the end", "error", "appear after the exercise ends",
     [('initial_cases: [(district: "north", count: 5)]', 'initial_cases: [(district: @"north", count: 5, at: "3d")]')]),
    ("zero-duration", "an exercise of no length", "error", "`duration` must be longer than 0m",
     [('meta: (id: "base"', 'meta: (id: @"base"'), ('duration: "2d"', 'duration: "0m"')]),
    ("time-step", "a time step that does not divide a day", "error", "`time_step` 7h must divide a day",
     [('meta: (id: "base", title: "Base"', 'meta: (id: @"base", title: "Base", time_step: "7h"')]),
    ("team-without-agency", "a blue team that plays no agency", "error", "team `green` plays no agency",
     [('(id: "green", name: "Green", agencies: ["police"])', '(id: @"green", name: "Green")')]),
    ("agency-two-teams", "an agency played by two teams", "error", "agency `health` is played by two teams",
     [('agencies: ["police"]', 'agencies: ["police", @"health"]')]),
    ("no-blue-team", "no team responds", "error", "no Blue team",
     [('meta: (id: "base"', 'meta: (id: @"base"'), ('(id: "blue", name: "Blue", agencies: ["health"])', '(id: "blue", name: "Blue", role: Red, agencies: ["health"])'),
      ('(id: "green", name: "Green", agencies: ["police"])', '(id: "green", name: "Green", role: Red, agencies: ["police"])')]),
    ("unscorable-objective", "an objective nobody can score", "error", "objective `o1` cannot be scored",
     [('(id: "o1", title: "Trace", teams: ["blue"], kpis: [(metric: ContactsQuarantinedWithin24h, target: 0.8)])', '(id: @"o1", title: "Trace", evaluator_rated: false)')]),
    ("kpi-target-share", "a percentage where a share is needed", "error", "is a share between 0 and 1, found 80",
     [('target: 0.8', 'target: @80.0')]),
    ("cases-exceed-population", "more initial cases than people", "error", "more than its population of 1000",
     [('initial_cases: [(district: "north", count: 5)]', 'initial_cases: [(district: @"north", count: 5000)]')]),
    ("self-flow", "a district commuting to itself", "error", "a flow must go to another district",
     [('(from: "north", to: "south", share: 0.1)', '(from: "north", to: @"north", share: 0.1)')]),
    ("flows-over-one", "more than all residents leaving", "error", "add up to 1.200, more than 1",
     [('mobility: Flows([(from: "north", to: "south", share: 0.1)])', 'mobility: Flows([(from: @"north", to: "south", share: 0.6), (from: "north", to: "south2", share: 0.6)])'),
      ('(id: "south", name: "South", population: 2000, position: (0.0, 5.0)),', '(id: "south", name: "South", population: 2000, position: (0.0, 5.0)),\n            (id: "south2", name: "South 2", population: 2000, position: (0.0, 9.0)),')]),
    ("matrix-size", "a mobility matrix of the wrong size", "error", "has 1 rows but the city has 2 districts",
     [('meta: (id: "base"', 'meta: (id: @"base"'), ('mobility: Flows([(from: "north", to: "south", share: 0.1)])', 'mobility: Matrix([[1.0, 0.0]])')]),
    ("matrix-row-sum", "a matrix row that does not sum to 1", "error", "sums to 0.9000",
     [('(id: "south", name: "South"', '(id: @"south", name: "South"'), ('mobility: Flows([(from: "north", to: "south", share: 0.1)])', 'mobility: Matrix([[0.9, 0.1], [0.5, 0.4]])')]),
    ("no-transmission", "a pathogen without r0 or rate", "error", "needs `r0` or `transmission_rate`",
     [('meta: (id: "base"', 'meta: (id: @"base"'), ('r0: 1.5, ', '')]),
    ("both-transmission", "a pathogen with r0 and rate", "error", "gives both `r0` and `transmission_rate`",
     [('meta: (id: "base"', 'meta: (id: @"base"'), ('r0: 1.5,', 'r0: 1.5, transmission_rate: 0.3,')]),
    ("hospital-without-beds", "a hospital with no beds", "error", "a hospital needs `beds`",
     [('(id: "hospital", name: "Hospital", kind: Hospital, district: "north", beds: 50,', '(id: @"hospital", name: "Hospital", kind: Hospital, district: "north",')]),
    ("command-loop", "a chain of command that loops", "error", "loops back to it",
     [('(id: "health", name: "Health", kind: Health)', '(id: "health", name: "Health", kind: Health, reports_to: @"police")')]),
    ("follow-up-loop", "injects that wait for each other", "error", "waits for itself",
     [('(id: "I1", title: "Case", trigger: At("1h")', '(id: @"I1", title: "Case", trigger: When(AfterInject(inject: "I2"))')]),
    ("inject-to-nobody", "an inject addressed to nobody", "error", "is addressed to nobody",
     [('(id: "I2", title: "Follow-up"', '(id: @"I2", title: "Follow-up"'), ('to: ["green"]', 'to: []')]),
    ("unit-count-zero", "a unit group of zero", "error", "has a count of 0",
     [('(id: "t", resource: "tracer", agency: "health", base: "hospital", count: 2)', '(id: @"t", resource: "tracer", agency: "health", base: "hospital", count: 0)')]),
    ("unit-id-collision", "a numbered unit id used twice", "error", "unit id `t-1` is used twice",
     [('base: "hospital", count: 2)]', 'base: "hospital", count: 2), (id: @"t-1", resource: "tracer", agency: "health", base: "north")]')]),
    ("capacity-zero", "a resource that does no work", "error", "capacity of 0",
     [('(id: "tracer", name: "Tracer", role: Tracing, speed_kmh: 30.0, capacity: 10', '(id: @"tracer", name: "Tracer", role: Tracing, speed_kmh: 30.0, capacity: 0')]),
    ("report-to-self", "an agency reporting to itself", "error", "cannot report to itself",
     [('from: "health", to: "police"', 'from: "health", to: @"health"')]),
    ("resupply-to-district", "a resupply delivered to a district", "error", "`north` is a district, not a facility",
     [('resupply: [(to: "hospital"', 'resupply: [(to: @"north"')]),
    ("trust-change", "a trust change beyond -1..1", "error", "must be between -1 and 1, found 5",
     [('effects: [NewCases(district: "south", count: 1)]', 'effects: [NewCases(district: "south", count: 1), TrustShift(district: @"south", change: 5.0)]')]),
    ("empty-all", "an empty All()", "error", "needs at least one condition",
     [('meta: (id: "base"', 'meta: (id: @"base"'), ('When(AfterInject(inject: "I1", delay: "2h"))', 'When(All([]))')]),
    ("payload-missing", "a variant without its required details", "error", "new cases is missing `district`",
     [('NewCases(district: "south", count: 1)', '@NewCases(count: 1)')]),
    ("deep-nesting", "values nested too deep", "error", "nested more than",
     [('reports_to: "health"', 'reports_to: ' + '[' * 93 + '@[[')]),
    ("age-shares-sum", "age shares that do not add up to 1", "error", "add up to 0.900; children, adults and older must add up to 1",
     [('        mobility: Flows([(from: "north", to: "south", share: 0.1)]),', '        mobility: Flows([(from: "north", to: "south", share: 0.1)]),\n        age_shares: (children: @0.2, adults: 0.6, older: 0.1),')]),
    ("severity-band-twice", "a band's severity given twice", "error", "the severity of Children is given twice",
     [('infectious_days: 4.0)', 'infectious_days: 4.0, severity: [(band: Children, hospitalisation_rate: 0.02), (band: @Children, hospitalisation_rate: 0.03)])')]),
    ("treatment-unknown-supply", "a treatment from a supply that does not exist", "error", "pathogen `treatment`: there is no supply `antivirals`",
     [('infectious_days: 4.0)', 'infectious_days: 4.0, treatment: (supply: @"antivirals"))')]),
    ("gathering-unknown-place", "a mass gathering at a place that does not exist", "error", "mass gathering `fair`: there is no district or facility `stadium`",
     [('    injects: [', '    mass_gatherings: [(id: "fair", name: "Fair", place: @"stadium", start: "1d", duration: "4h", attendees: 500)],\n    injects: [')]),
    ("gathering-after-end", "a mass gathering after the exercise", "error", "starts at 3d, when the exercise is over (2d)",
     [('    injects: [', '    mass_gatherings: [(id: @"fair", name: "Fair", place: "north", start: "3d", duration: "4h", attendees: 500)],\n    injects: [')]),
    ("gathering-shares-sum", "attendee shares that do not add up to 1", "error", "the shares of attendees by district add up to 0.500, not 1",
     [('    injects: [', '    mass_gatherings: [(id: "fair", name: "Fair", place: "north", start: "1d", duration: "4h", attendees: 500, from: [(district: @"north", share: 0.2), (district: "south", share: 0.3)])],\n    injects: [')]),
]

WARNINGS = [
    ("agency-without-team", "an agency nobody plays", "agency `customs` is played by no team",
     [('(id: "police", name: "Police", kind: Police, reports_to: "health"),', '(id: "police", name: "Police", kind: Police, reports_to: "health"),\n        (id: @"customs", name: "Customs", kind: Customs),')]),
    ("unstocked-supply", "a unit using a supply nobody stocks", "which no facility stocks",
     [('stock: {"kits": 100}', 'stock: {}'), ('resupply: [(to: "hospital", quantity: 10, every: "1d")]', 'resupply: []'), ('consumes: "kits"', 'consumes: @"kits"')]),
    ("inject-without-message", "an inject with no text", "has no message text",
     [('(id: "I2", title: "Follow-up"', '(id: @"I2", title: "Follow-up"'), (', message: "Later."', '')]),
    ("expected-team-not-told", "an action expected of a team that is not told", "team `green` is expected to act but does not receive the inject",
     [('team: "blue")]', 'team: @"green")]')]),
    ("kpi-nothing-to-measure", "a KPI with nothing to measure", "ReportsOnTime has nothing to measure",
     [('    reporting: [(id: "cases", name: "Cases", on: CaseConfirmed, from: "health", to: "police", within: "2h")],\n', ''),
      ('target: 0.8)]', 'target: 0.8), (metric: ReportsOnTime, target: @1.0)]')]),
    ("empty-district", "a district with nobody in it", "has no population",
     [('(id: "south", name: "South", population: 2000', '(id: @"south", name: "South", population: 0'), ('NewCases(district: "south", count: 1)', 'NewCases(district: "north", count: 1)')]),
    ("no-outbreak", "nothing starts an outbreak", "there will be no outbreak",
     [('meta: (id: "base"', 'meta: (id: @"base"'), ('    initial_cases: [(district: "north", count: 5)],\n', ''), ('effects: [NewCases(district: "south", count: 1)],', '')]),
    ("huge-r0", "an implausible r0", "higher than any known human pathogen",
     [('meta: (id: "base"', 'meta: (id: @"base"'), ('r0: 1.5', 'r0: 25.0')]),
    ("red-cell-objective", "an objective that scores the red cell", "scores the red cell",
     [('(id: "green", name: "Green", agencies: ["police"])', '(id: "green", name: "Green", agencies: ["police"]),\n        (id: "red", name: "Red", role: Red)'), ('teams: ["blue"], kpis', 'teams: ["blue", @"red"], kpis')]),
    ("big-gathering", "a gathering larger than the district", "is larger than the population",
     [('effects: [NewCases(district: "south", count: 1)]', 'effects: [NewCases(district: "south", count: 1), Gathering(district: @"north", people: 5000)]')]),
    ("loose-closure", "closed measures looser than enhanced", "lets more contact or travel through",
     [('meta: (id: "base"', 'meta: (id: @"base"'), ('    reporting:', '    measures: (closed: (contact_factor: 0.9, mobility_factor: 0.9, daily_cost_per_resident: 1.0, trust_per_day: 0.0)),\n    reporting:')]),
    ("zh-without-chinese", "language Zh with an English title", "has no Chinese text",
     [('meta: (id: "base", title: "Base"', 'meta: (id: @"base", title: "Base", language: Zh')]),
    ("quarantine-sites-without-sites", "quarantine in sites with no site", "every traced contact will wait at home",
     [('meta: (id: "base"', 'meta: (id: @"base"'), ('    initial_cases:', '    surveillance: (quarantine_at: Sites),\n    initial_cases:')]),
]


def build(edits):
    text = BASE
    for old, new in edits:
        assert text.count(old) == 1, f"edit target not found once: {old!r}"
        text = text.replace(old, new)
    assert text.count("@") == 1, f"exactly one @ marker: {edits!r}"
    at = text.index("@")
    line = text[:at].count("\n") + 1
    col = len(text[:at].split("\n")[-1]) + 1
    return text.replace("@", ""), line, col


def write(folder, name, rule, severity, message, edits):
    body, line, col = build(edits)
    header = f"// Checks: {rule}.\n// expect: {severity} {{L}}:{col}: {message}\n"
    # The header shifts the body down by its own line count.
    header = header.replace("{L}", str(line + 2))
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    with open(os.path.join(HERE, folder, name + ".ron"), "w", encoding="utf-8") as f:
        f.write(header + body)


for name, rule, severity, message, edits in CASES:
    write("broken", name, rule, severity, message, edits)
for name, rule, message, edits in WARNINGS:
    write("warnings", name, rule, "warning", message, edits)
print(f"wrote {len(CASES)} broken and {len(WARNINGS)} warning files")
