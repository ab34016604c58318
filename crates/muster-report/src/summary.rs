//! A plain-text briefing of a scenario, as a facilitator reads it before the exercise.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::i18n::Language;
use crate::scenario::{Minutes, Scenario, Trigger};
use crate::tr;

/// The scenario's briefing: setting, teams, resources, MSEL and objectives, in a language (the
/// scenario's own text stays as written).
pub fn briefing(s: &Scenario, lang: Language) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_briefing(s, lang, &mut out);
    out
}

fn write_briefing(s: &Scenario, lang: Language, out: &mut String) -> std::fmt::Result {
    let m = &s.meta;
    let count = |n: u64| crate::i18n::count(lang, n as f64);
    let duration = |d: Minutes| crate::i18n::duration(lang, d.0);
    let list = |items: &[&str]| items.join(&tr!(lang, "list-comma"));
    writeln!(out, "{}", m.title)?;
    writeln!(out, "{}", "=".repeat(display_width(&m.title).max(8)))?;
    writeln!(
        out,
        "{}",
        tr!(
            lang,
            "summary-meta",
            id = m.id.as_str(),
            version = m.version.as_str(),
            language = m.language.map_or("-", Language::native_name),
            author = if m.author.is_empty() { "-" } else { &m.author }
        )
    )?;
    let end = m.start.plus_minutes(m.duration.get());
    writeln!(
        out,
        "{}",
        tr!(
            lang,
            "summary-exercise",
            start = m.start.to_string(),
            end = end.to_string(),
            duration = duration(m.duration),
            step = duration(m.time_step)
        )
    )?;
    if let (Some(played_in), Some(speed)) = (m.played_in, m.played_speed()) {
        writeln!(
            out,
            "{}",
            tr!(
                lang,
                "summary-played-in",
                played_in = duration(played_in),
                speed = format!("{speed:.0}")
            )
        )?;
    }
    if !m.description.is_empty() {
        writeln!(out, "\n{}", m.description.trim())?;
    }

    writeln!(
        out,
        "\n{}",
        tr!(
            lang,
            "summary-city",
            city = s.city.name.as_str(),
            districts = s.city.districts.len(),
            people = count(s.total_population())
        )
    )?;
    for d in &s.city.districts {
        writeln!(
            out,
            "  {:<14} {} {:>12}",
            d.id.as_str(),
            pad(&d.name, 24),
            count(d.population)
        )?;
    }
    let p = &s.pathogen;
    let transmission = match (&p.r0, &p.transmission_rate) {
        (Some(r0), _) => format!("R0 {}", r0.get()),
        (_, Some(beta)) => tr!(lang, "summary-beta", beta = beta.get()),
        _ => "-".into(),
    };
    writeln!(
        out,
        "\n{}",
        tr!(
            lang,
            "summary-pathogen",
            pathogen = p.name.as_str(),
            transmission = transmission,
            latent = p.latent_days.get(),
            infectious = p.infectious_days.get(),
            asymptomatic = crate::i18n::percent(p.asymptomatic_share.get())
        )
    )?;
    let initial: u32 = s.initial_cases.iter().map(|c| c.count).sum();
    writeln!(
        out,
        "{}",
        tr!(
            lang,
            "summary-initial-cases",
            cases = initial,
            groups = s.initial_cases.len()
        )
    )?;

    writeln!(
        out,
        "\n{}",
        tr!(lang, "summary-facilities", count = s.facilities.len())
    )?;
    for f in &s.facilities {
        let mut capacity = Vec::new();
        if f.beds > 0 {
            capacity.push(tr!(lang, "summary-beds", beds = f.beds));
        }
        if f.icu_beds > 0 {
            capacity.push(tr!(lang, "summary-icu-beds", beds = f.icu_beds));
        }
        if f.daily_capacity > 0 {
            capacity.push(tr!(lang, "summary-per-day", count = f.daily_capacity));
        }
        for (item, quantity) in &f.stock {
            capacity.push(format!("{} {item}", count(*quantity)));
        }
        if f.people > 0 {
            capacity.push(tr!(
                lang,
                "summary-place-people",
                people = count(u64::from(f.people)),
                hours = f.hours_per_day.get(),
                intensity = f.contact_intensity.get()
            ));
        }
        if !f.open {
            capacity.push(tr!(lang, "summary-closed-at-start"));
        }
        writeln!(
            out,
            "  {:<22} {} {} {}",
            f.id.as_str(),
            pad(&f.kind.words(lang), 14),
            tr!(lang, "summary-in-district", district = f.district.as_str()),
            capacity.join(&tr!(lang, "list-comma"))
        )?;
    }

    writeln!(
        out,
        "\n{}",
        tr!(lang, "summary-teams", count = s.teams.len())
    )?;
    for t in &s.teams {
        let agencies: Vec<String> = t
            .agencies
            .iter()
            .map(|a| {
                s.agency(a.as_str())
                    .map_or(a.to_string(), |x| x.name.clone())
            })
            .collect();
        let agencies = if agencies.is_empty() {
            "-".to_string()
        } else {
            agencies.join(&tr!(lang, "report-list-separator"))
        };
        let line = if crate::report::needs_red_cell_mark(t, lang) {
            tr!(
                lang,
                "summary-red-team",
                team = t.name.as_str(),
                agencies = agencies
            )
        } else {
            tr!(
                lang,
                "summary-team",
                team = t.name.as_str(),
                agencies = agencies
            )
        };
        writeln!(out, "  {line}")?;
    }

    let simulated: Vec<&str> = s
        .agencies
        .iter()
        .filter(|a| a.simulated)
        .map(|a| a.name.as_str())
        .collect();
    if !simulated.is_empty() {
        writeln!(
            out,
            "  {}",
            tr!(
                lang,
                "summary-control-cell",
                agencies = simulated.join(&tr!(lang, "report-list-separator"))
            )
        )?;
    }
    for a in s.agencies.iter().filter(|a| a.jurisdiction.is_some()) {
        if let Some(j) = &a.jurisdiction {
            let mut covers: Vec<String> = j.districts.iter().map(|d| d.to_string()).collect();
            covers.extend(
                j.facility_kinds
                    .iter()
                    .map(|k| tr!(lang, "summary-facilities-of-kind", kind = k.words(lang))),
            );
            covers.extend(j.facilities.iter().map(|f| f.to_string()));
            writeln!(
                out,
                "  {}",
                tr!(
                    lang,
                    "summary-jurisdiction",
                    agency = a.name.as_str(),
                    covers = covers.join(&tr!(lang, "list-comma"))
                )
            )?;
        }
    }

    // Units by base, where they wait between tasks: (resource, units, people).
    let mut units_by_base: BTreeMap<&str, Vec<(String, u32, u32)>> = BTreeMap::new();
    for u in &s.units {
        let name = s
            .resource_type(u.resource.as_str())
            .map_or(u.resource.to_string(), |r| r.name.clone());
        let at_base = units_by_base.entry(u.base.as_str()).or_default();
        match at_base
            .iter_mut()
            .find(|(n, _, p)| *n == name && *p == u.people)
        {
            Some((_, count, _)) => *count += u.count,
            None => at_base.push((name, u.count, u.people)),
        }
    }
    let total_units: u32 = s.units.iter().map(|u| u.count).sum();
    let total_people: u64 = s
        .units
        .iter()
        .map(|u| u64::from(u.count) * u64::from(u.people))
        .sum();
    let heading = if total_people > u64::from(total_units) {
        tr!(
            lang,
            "summary-units-people",
            units = total_units,
            people = count(total_people)
        )
    } else {
        tr!(lang, "summary-units", units = total_units)
    };
    writeln!(out, "\n{heading}")?;
    for (base, units) in &units_by_base {
        let listed: Vec<String> = units
            .iter()
            .map(|(name, n, people)| {
                if *people > 1 {
                    tr!(
                        lang,
                        "summary-units-of-people",
                        count = *n,
                        name = name.as_str(),
                        people = *people
                    )
                } else {
                    format!("{n} × {name}")
                }
            })
            .collect();
        writeln!(out, "  {base}: {}", listed.join(&tr!(lang, "list-comma")))?;
    }

    if !s.actions.is_empty() {
        writeln!(
            out,
            "\n{}",
            tr!(lang, "summary-actions", count = s.actions.len())
        )?;
        for a in &s.actions {
            let by: Vec<&str> = a.by.iter().map(|b| b.as_str()).collect();
            let mut facts = vec![tr!(lang, "summary-action-by", agencies = list(&by))];
            if a.cost > 0.0 {
                facts.push(tr!(
                    lang,
                    "summary-action-cost",
                    cost = count(a.cost as u64)
                ));
            }
            if a.takes.get() > 0 {
                facts.push(tr!(lang, "summary-action-takes", time = duration(a.takes)));
            }
            if let Some(times) = a.times {
                facts.push(tr!(lang, "summary-action-times", times = times));
            }
            if let Some(condition) = &a.requires {
                facts.push(tr!(
                    lang,
                    "summary-action-only-when",
                    condition = condition.describe(lang)
                ));
            }
            writeln!(
                out,
                "  {:<22} {} {}",
                a.id.as_str(),
                a.name,
                tr!(
                    lang,
                    "summary-in-brackets",
                    text = facts.join(&tr!(lang, "report-list-separator"))
                )
            )?;
        }
    }

    if !s.mass_gatherings.is_empty() {
        writeln!(
            out,
            "\n{}",
            tr!(lang, "summary-gatherings", count = s.mass_gatherings.len())
        )?;
        for g in &s.mass_gatherings {
            let when = m.start.plus_minutes(g.start.minutes());
            writeln!(
                out,
                "  {}",
                tr!(
                    lang,
                    "summary-gathering",
                    name = g.name.as_str(),
                    place = g.place.as_str(),
                    when = when.to_string()[5..].to_string(),
                    duration = duration(g.duration),
                    attendees = count(u64::from(g.attendees))
                )
            )?;
        }
    }

    let (mut scheduled, mut conditional): (Vec<_>, Vec<_>) = s
        .injects
        .iter()
        .partition(|i| matches!(i.trigger, Trigger::At(_)));
    scheduled.sort_by_key(|i| match i.trigger {
        Trigger::At(at) => at,
        Trigger::When(_) => Default::default(),
    });
    writeln!(
        out,
        "\n{}",
        tr!(
            lang,
            "summary-msel",
            scheduled = scheduled.len(),
            conditional = conditional.len()
        )
    )?;
    let all_teams = tr!(lang, "summary-all-teams");
    for i in &scheduled {
        if let Trigger::At(at) = i.trigger {
            let when = m.start.plus_minutes(at.minutes());
            let to: Vec<&str> = match &i.to {
                crate::scenario::Recipients::All => vec![all_teams.as_str()],
                crate::scenario::Recipients::Listed(to) => to.iter().map(|t| t.as_str()).collect(),
            };
            let decision = if i.decision.is_some() {
                format!(" [{}]", tr!(lang, "summary-decision"))
            } else {
                String::new()
            };
            let only_if = i
                .only_if
                .as_ref()
                .map(|c| tr!(lang, "summary-only-if", condition = c.describe(lang)))
                .unwrap_or_default();
            writeln!(
                out,
                "  +{:<8} {}  {:<8} {} → {}{decision}{only_if}",
                Minutes(at.minutes()).to_string(),
                &when.to_string()[5..],
                i.id.as_str(),
                i.title,
                list(&to)
            )?;
        }
    }
    conditional.sort_by_key(|i| i.id.clone());
    for i in &conditional {
        if let Trigger::When(condition) = &i.trigger {
            writeln!(
                out,
                "  {:<8} {}  {}",
                i.id.as_str(),
                i.title,
                tr!(lang, "summary-when", condition = condition.describe(lang))
            )?;
        }
    }

    let decisions: Vec<_> = s
        .injects
        .iter()
        .filter_map(|i| i.decision.as_ref().map(|d| (i, d)))
        .collect();
    if !decisions.is_empty() {
        writeln!(
            out,
            "\n{}",
            tr!(lang, "summary-decision-points", count = decisions.len())
        )?;
        for (inject, d) in decisions {
            let options: Vec<&str> = d.options.iter().map(|o| o.label.as_str()).collect();
            writeln!(
                out,
                "  {:<8} {} [{}] {}",
                inject.id.as_str(),
                d.question,
                options.join(" / "),
                tr!(
                    lang,
                    "summary-decision-within",
                    within = duration(d.within),
                    default = d.default.as_str()
                )
            )?;
        }
    }

    writeln!(
        out,
        "\n{}",
        tr!(lang, "summary-objectives", count = s.objectives.len())
    )?;
    for o in &s.objectives {
        let teams = if o.teams.is_empty() {
            all_teams.clone()
        } else {
            let teams: Vec<&str> = o.teams.iter().map(|t| t.as_str()).collect();
            list(&teams)
        };
        writeln!(
            out,
            "  {} {} {}",
            o.id,
            o.title,
            tr!(lang, "summary-in-brackets", text = teams)
        )?;
        for k in &o.kpis {
            writeln!(
                out,
                "      {}",
                tr!(
                    lang,
                    "summary-kpi",
                    metric = crate::scoring::label(&k.metric, lang),
                    target = crate::scoring::format_value(&k.metric, k.target.value, lang),
                    weight = k.weight.get()
                )
            )?;
        }
    }
    Ok(())
}

/// Terminal columns taken by text: CJK characters take two.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| {
            if ('\u{1100}'..='\u{FFDC}').contains(&c) && !c.is_ascii() && c > '\u{2E7F}' {
                2
            } else {
                1
            }
        })
        .sum()
}

/// Pads text to a number of terminal columns.
fn pad(text: &str, width: usize) -> String {
    format!(
        "{text}{}",
        " ".repeat(width.saturating_sub(display_width(text)))
    )
}
