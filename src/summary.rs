//! A plain-text briefing of a scenario, as a facilitator reads it before the exercise.

use std::collections::BTreeMap;
use std::fmt::Write;

use crate::scenario::{Minutes, Scenario, TeamRole, Trigger};

/// The scenario's briefing: setting, teams, resources, MSEL and objectives.
pub fn briefing(s: &Scenario) -> String {
    let mut out = String::new();
    // Writing to a String cannot fail.
    let _ = write_briefing(s, &mut out);
    out
}

fn write_briefing(s: &Scenario, out: &mut String) -> std::fmt::Result {
    let m = &s.meta;
    writeln!(out, "{}", m.title)?;
    writeln!(out, "{}", "=".repeat(display_width(&m.title).max(8)))?;
    writeln!(
        out,
        "id {} · version {} · {:?} · by {}",
        m.id,
        m.version,
        m.language.unwrap_or(crate::scenario::Language::En),
        if m.author.is_empty() { "-" } else { &m.author }
    )?;
    let end = m.start.plus_minutes(m.duration.get());
    writeln!(
        out,
        "Exercise: {} → {} ({}), model step {}",
        m.start, end, m.duration, m.time_step
    )?;
    if let (Some(played_in), Some(speed)) = (m.played_in, m.played_speed()) {
        writeln!(
            out,
            "Played in {played_in} in the room: the clock runs {speed:.0} scenario minutes a minute"
        )?;
    }
    if !m.description.is_empty() {
        writeln!(out, "\n{}", m.description.trim())?;
    }

    writeln!(
        out,
        "\nCity: {} — {} districts, {} residents",
        s.city.name,
        s.city.districts.len(),
        group_digits(s.total_population())
    )?;
    for d in &s.city.districts {
        writeln!(
            out,
            "  {:<14} {} {:>12}",
            d.id.as_str(),
            pad(&d.name, 24),
            group_digits(d.population)
        )?;
    }
    let p = &s.pathogen;
    let transmission = match (&p.r0, &p.transmission_rate) {
        (Some(r0), _) => format!("R0 {}", r0.get()),
        (_, Some(beta)) => format!("β {}/day", beta.get()),
        _ => "-".into(),
    };
    writeln!(
        out,
        "\nPathogen: {} — {transmission}, latent {} d, infectious {} d, {}% asymptomatic",
        p.name,
        p.latent_days.get(),
        p.infectious_days.get(),
        (p.asymptomatic_share.get() * 100.0).round()
    )?;
    let initial: u32 = s.initial_cases.iter().map(|c| c.count).sum();
    writeln!(
        out,
        "Initial cases: {initial} in {} group(s)",
        s.initial_cases.len()
    )?;

    writeln!(out, "\nFacilities ({}):", s.facilities.len())?;
    for f in &s.facilities {
        let mut capacity = Vec::new();
        if f.beds > 0 {
            capacity.push(format!("{} beds", f.beds));
        }
        if f.icu_beds > 0 {
            capacity.push(format!("{} ICU", f.icu_beds));
        }
        if f.daily_capacity > 0 {
            capacity.push(format!("{}/day", f.daily_capacity));
        }
        for (item, quantity) in &f.stock {
            capacity.push(format!("{} {item}", group_digits(*quantity)));
        }
        if f.people > 0 {
            capacity.push(format!(
                "{} people, {} h a day, ×{} contacts",
                group_digits(u64::from(f.people)),
                f.hours_per_day.get(),
                f.contact_intensity.get()
            ));
        }
        if !f.open {
            capacity.push("closed at the start".into());
        }
        writeln!(
            out,
            "  {:<22} {:<14} in {:<12} {}",
            f.id.as_str(),
            format!("{:?}", f.kind),
            f.district.as_str(),
            capacity.join(", ")
        )?;
    }

    writeln!(out, "\nTeams ({}):", s.teams.len())?;
    for t in &s.teams {
        let role = if t.role == TeamRole::Red {
            " [red cell]"
        } else {
            ""
        };
        let agencies: Vec<String> = t
            .agencies
            .iter()
            .map(|a| {
                s.agency(a.as_str())
                    .map_or(a.to_string(), |x| x.name.clone())
            })
            .collect();
        writeln!(
            out,
            "  {}{role}: {}",
            t.name,
            if agencies.is_empty() {
                "-".into()
            } else {
                agencies.join("; ")
            }
        )?;
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
            "  Played by the control cell: {}",
            simulated.join("; ")
        )?;
    }
    for a in s.agencies.iter().filter(|a| a.jurisdiction.is_some()) {
        if let Some(j) = &a.jurisdiction {
            let mut covers: Vec<String> = j.districts.iter().map(|d| d.to_string()).collect();
            covers.extend(j.facility_kinds.iter().map(|k| format!("{k:?} facilities")));
            covers.extend(j.facilities.iter().map(|f| f.to_string()));
            writeln!(out, "  {} acts in: {}", a.name, covers.join(", "))?;
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
    if total_people > u64::from(total_units) {
        writeln!(
            out,
            "\nUnits ({total_units}, standing for {} people), by base:",
            group_digits(total_people)
        )?;
    } else {
        writeln!(out, "\nUnits ({total_units}), by base:")?;
    }
    for (base, units) in &units_by_base {
        let listed: Vec<String> = units
            .iter()
            .map(|(name, count, people)| {
                if *people > 1 {
                    format!("{count} × {name} ({people} people each)")
                } else {
                    format!("{count} × {name}")
                }
            })
            .collect();
        writeln!(out, "  {base}: {}", listed.join(", "))?;
    }

    if !s.actions.is_empty() {
        writeln!(out, "\nActions the teams may take ({}):", s.actions.len())?;
        for a in &s.actions {
            let by: Vec<&str> = a.by.iter().map(|b| b.as_str()).collect();
            let mut facts = vec![format!("by {}", by.join(", "))];
            if a.cost > 0.0 {
                facts.push(format!("costs {}", group_digits(a.cost as u64)));
            }
            if a.takes.get() > 0 {
                facts.push(format!("takes {}", a.takes));
            }
            if let Some(times) = a.times {
                facts.push(format!("at most {times}×"));
            }
            if let Some(condition) = &a.requires {
                facts.push(format!("only when {}", condition.describe()));
            }
            writeln!(
                out,
                "  {:<22} {} ({})",
                a.id.as_str(),
                a.name,
                facts.join("; ")
            )?;
        }
    }

    if !s.mass_gatherings.is_empty() {
        writeln!(
            out,
            "\nPlanned mass gatherings ({}):",
            s.mass_gatherings.len()
        )?;
        for g in &s.mass_gatherings {
            let when = m.start.plus_minutes(g.start.minutes());
            writeln!(
                out,
                "  {} at {}, {} for {}: {} attending",
                g.name,
                g.place,
                &when.to_string()[5..],
                g.duration,
                group_digits(u64::from(g.attendees))
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
        "\nMSEL: {} scheduled, {} conditional injects",
        scheduled.len(),
        conditional.len()
    )?;
    for i in &scheduled {
        if let Trigger::At(at) = i.trigger {
            let when = m.start.plus_minutes(at.minutes());
            let to: Vec<&str> = match &i.to {
                crate::scenario::Recipients::All => vec!["all teams"],
                crate::scenario::Recipients::Listed(to) => to.iter().map(|t| t.as_str()).collect(),
            };
            let decision = if i.decision.is_some() {
                " [decision]"
            } else {
                ""
            };
            let only_if = i
                .only_if
                .as_ref()
                .map(|c| format!(" (only if {})", c.describe()))
                .unwrap_or_default();
            writeln!(
                out,
                "  +{:<8} {}  {:<8} {} → {}{decision}{only_if}",
                Minutes(at.minutes()).to_string(),
                &when.to_string()[5..],
                i.id.as_str(),
                i.title,
                to.join(", ")
            )?;
        }
    }
    conditional.sort_by_key(|i| i.id.clone());
    for i in &conditional {
        if let Trigger::When(condition) = &i.trigger {
            writeln!(
                out,
                "  {:<8} {}  (when {})",
                i.id.as_str(),
                i.title,
                condition.describe()
            )?;
        }
    }

    let decisions: Vec<_> = s
        .injects
        .iter()
        .filter_map(|i| i.decision.as_ref().map(|d| (i, d)))
        .collect();
    if !decisions.is_empty() {
        writeln!(out, "\nDecision points ({}):", decisions.len())?;
        for (inject, d) in decisions {
            let options: Vec<&str> = d.options.iter().map(|o| o.label.as_str()).collect();
            writeln!(
                out,
                "  {:<8} {} [{}] within {}, default {}",
                inject.id.as_str(),
                d.question,
                options.join(" / "),
                d.within,
                d.default
            )?;
        }
    }

    writeln!(out, "\nObjectives ({}):", s.objectives.len())?;
    for o in &s.objectives {
        let teams = if o.teams.is_empty() {
            "all teams".to_string()
        } else {
            o.teams
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        writeln!(out, "  {} {} ({teams})", o.id, o.title)?;
        for k in &o.kpis {
            writeln!(
                out,
                "      {:?}: target {} (weight {})",
                k.metric,
                k.target.value,
                k.weight.get()
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

/// 12345678 → "12,345,678".
pub fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}
