//! The map: districts coloured by a layer, facilities, and units where they are (moving along
//! their trips). Clicking a district or facility selects it as the place to send units.
//! A team sees only what it may know: confirmed cases (not true infections) and its own units.

use std::collections::BTreeMap;

use bevy_egui::egui::{self, Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Vec2};

use crate::app::session::{Actions, Session};
use crate::i18n::{Language, count, percent};
use crate::scenario::{ControlLevel, FacilityKind, Point, UnitRole};
use crate::sim::{Place, UnitStatus};
use crate::tr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layer {
    #[default]
    Confirmed,
    Infections,
    Hospital,
    Level,
    Trust,
}

impl Layer {
    fn label(self, lang: Language) -> String {
        match self {
            Layer::Confirmed => tr!(lang, "map-confirmed"),
            Layer::Infections => tr!(lang, "map-infections"),
            Layer::Hospital => tr!(lang, "map-hospital"),
            Layer::Level => tr!(lang, "map-level"),
            Layer::Trust => tr!(lang, "map-trust"),
        }
    }
}

#[derive(Default)]
pub struct MapState {
    pub layer: Layer,
    pub selected: Option<Place>,
}

/// Green (0) to red (1).
fn ramp(x: f64) -> Color32 {
    let x = x.clamp(0.0, 1.0) as f32;
    let (r, g) = if x < 0.5 {
        (x * 2.0, 1.0)
    } else {
        (1.0, 2.0 - x * 2.0)
    };
    Color32::from_rgb((60.0 + 180.0 * r) as u8, (70.0 + 150.0 * g) as u8, 70)
}

fn role_color(role: &UnitRole) -> Color32 {
    match role {
        UnitRole::Tracing => Color32::from_rgb(33, 150, 243),
        UnitRole::Testing => Color32::from_rgb(156, 39, 176),
        UnitRole::PatientTransport => Color32::from_rgb(244, 67, 54),
        UnitRole::Patrol => Color32::from_rgb(26, 35, 126),
        UnitRole::Supply => Color32::from_rgb(121, 85, 72),
        UnitRole::CommunitySupport => Color32::from_rgb(56, 142, 60),
        UnitRole::Disinfection => Color32::from_rgb(0, 150, 136),
    }
}

fn facility_letter(kind: &FacilityKind) -> &'static str {
    match kind {
        FacilityKind::Hospital => "H",
        FacilityKind::FeverClinic => "F",
        FacilityKind::TestingSite => "T",
        FacilityKind::QuarantineSite => "Q",
        FacilityKind::Warehouse => "W",
        FacilityKind::CommandPost => "C",
        FacilityKind::Port => "P",
        FacilityKind::Airport => "A",
        FacilityKind::Station => "S",
        FacilityKind::School => "E",
        FacilityKind::Market => "M",
        FacilityKind::Workplace => "K",
        FacilityKind::Other => "·",
    }
}

pub fn show(
    ui: &mut egui::Ui,
    session: &Session,
    _actions: &mut Actions,
    state: &mut MapState,
    team: Option<&str>,
) {
    let Some(exercise) = &session.exercise else {
        return;
    };
    let scenario = exercise.scenario();
    let lang = session.language;
    ui.horizontal(|ui| {
        ui.label(tr!(lang, "map-layer"));
        for layer in [
            Layer::Confirmed,
            Layer::Infections,
            Layer::Hospital,
            Layer::Level,
            Layer::Trust,
        ] {
            if team.is_some() && matches!(layer, Layer::Infections) {
                continue;
            }
            ui.selectable_value(&mut state.layer, layer, layer.label(lang));
        }
        if let Some(place) = state.selected {
            ui.separator();
            ui.label(
                egui::RichText::new(tr!(
                    lang,
                    "map-selected",
                    place = exercise.place_name(place)
                ))
                .strong(),
            );
        }
    });
    let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click());
    let rect = response.rect.shrink(48.0);
    painter.rect_filled(response.rect, 4.0, Color32::from_rgb(228, 236, 240));

    // Fit the scenario's map into the panel, keeping its proportions.
    let mut points: Vec<Point> = scenario.city.districts.iter().map(|d| d.position).collect();
    points.extend(scenario.facilities.iter().filter_map(|f| f.position));
    let (min_x, max_x) = points
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.x), b.max(p.x)));
    let (min_y, max_y) = points
        .iter()
        .fold((f64::MAX, f64::MIN), |(a, b), p| (a.min(p.y), b.max(p.y)));
    let span = ((max_x - min_x).max(max_y - min_y)).max(1.0);
    let scale = (rect.width().min(rect.height()) as f64 / span) as f32;
    let offset = Vec2::new(
        (rect.width() - (max_x - min_x) as f32 * scale) / 2.0,
        (rect.height() - (max_y - min_y) as f32 * scale) / 2.0,
    );
    let to_screen = |p: Point| {
        Pos2::new(
            rect.left() + offset.x + (p.x - min_x) as f32 * scale,
            rect.top() + offset.y + (p.y - min_y) as f32 * scale,
        )
    };

    // District values for the layer (a district's counts with its places'), normalised for colour.
    let values: Vec<f64> = (0..exercise.district_count())
        .map(|n| {
            let d = &exercise.districts()[n];
            match state.layer {
                Layer::Confirmed => exercise.district_total(n, |x| x.confirmed),
                Layer::Infections => exercise.district_total(n, |x| x.epi.infected()),
                Layer::Hospital => exercise.district_total(n, |x| x.epi.hospitalised()),
                Layer::Level => match d.level {
                    ControlLevel::Normal => 0.0,
                    ControlLevel::Enhanced => 0.6,
                    ControlLevel::Closed => 1.0,
                },
                Layer::Trust => 1.0 - d.trust,
            }
        })
        .collect();
    let max_value = values.iter().cloned().fold(0.0, f64::max).max(1e-9);
    let mut district_shapes = Vec::new();
    for (n, district) in scenario.city.districts.iter().enumerate() {
        let center = to_screen(district.position);
        // Sized by population, not area: suburbs covering hundreds of km² would hide the centre.
        let radius = ((district.population as f32 / 1.0e6).sqrt() * 30.0).clamp(14.0, 42.0);
        let x = match state.layer {
            Layer::Level | Layer::Trust => values[n],
            _ => values[n] / max_value,
        };
        painter.circle(
            center,
            radius,
            ramp(x).gamma_multiply(0.85),
            Stroke::new(1.0, Color32::from_gray(90)),
        );
        if state.selected == Some(Place::District(n)) {
            painter.circle_stroke(center, radius + 3.0, Stroke::new(3.0, Color32::BLACK));
        }
        let state_here = &exercise.districts()[n];
        let figure = match state.layer {
            Layer::Confirmed => tr!(lang, "map-n-confirmed", count = count(lang, values[n])),
            Layer::Infections => tr!(lang, "map-n-infected", count = count(lang, values[n])),
            Layer::Hospital => tr!(lang, "map-n-in-hospital", count = count(lang, values[n])),
            Layer::Level => state_here.level.words(lang),
            Layer::Trust => tr!(lang, "map-n-trust", trust = percent(state_here.trust)),
        };
        painter.text(
            center + Vec2::new(0.0, -8.0),
            Align2::CENTER_CENTER,
            &district.name,
            FontId::proportional(13.0),
            Color32::BLACK,
        );
        painter.text(
            center + Vec2::new(0.0, 8.0),
            Align2::CENTER_CENTER,
            figure,
            FontId::proportional(11.0),
            Color32::from_gray(30),
        );
        district_shapes.push((Place::District(n), center, radius));
    }

    let mut facility_shapes = Vec::new();
    for (f, facility) in scenario.facilities.iter().enumerate() {
        let pos = to_screen(exercise.place_position(Place::Facility(f)));
        let square = Rect::from_center_size(pos, Vec2::splat(16.0));
        let fill = match exercise
            .facilities_of(FacilityKind::Hospital)
            .position(|h| h == f)
        {
            Some(h) => {
                ramp(exercise.hospital_occupancy(h) / exercise.hospital_capacity(h).max(1.0))
            }
            None => Color32::WHITE,
        };
        painter.rect_filled(square, 2.0, fill);
        let disorder = exercise.facilities()[f].disorder;
        let outline = if disorder > 0.05 {
            Stroke::new(2.0 + 3.0 * disorder as f32, Color32::RED)
        } else {
            Stroke::new(1.0, Color32::DARK_GRAY)
        };
        painter.rect_stroke(square, 2.0, outline, egui::StrokeKind::Outside);
        painter.text(
            pos,
            Align2::CENTER_CENTER,
            facility_letter(&facility.kind),
            FontId::monospace(11.0),
            Color32::BLACK,
        );
        if state.selected == Some(Place::Facility(f)) {
            painter.rect_stroke(
                square.expand(3.0),
                2.0,
                Stroke::new(2.5, Color32::BLACK),
                egui::StrokeKind::Outside,
            );
        }
        facility_shapes.push((Place::Facility(f), pos, facility.name.clone()));
    }

    // Units: trips drawn as lines; units sharing a spot grouped with a count.
    let mut spots: BTreeMap<(i32, i32), (Pos2, Vec<usize>)> = BTreeMap::new();
    for n in exercise.units_visible_to(team) {
        let u = &exercise.units()[n];
        let pos = to_screen(exercise.unit_position(n));
        let role = &scenario.resource_types[u.resource].role;
        if let UnitStatus::Travelling { to, .. } = u.status {
            painter.line_segment(
                [pos, to_screen(exercise.place_position(to))],
                Stroke::new(1.5, role_color(role).gamma_multiply(0.6)),
            );
        }
        let key = ((pos.x / 6.0) as i32, (pos.y / 6.0) as i32);
        spots.entry(key).or_insert((pos, Vec::new())).1.push(n);
    }
    for (pos, units) in spots.values() {
        let role = &scenario.resource_types[exercise.units()[units[0]].resource].role;
        let moving = units
            .iter()
            .any(|&n| !matches!(exercise.units()[n].status, UnitStatus::AtBase));
        let center = *pos + Vec2::new(10.0, -10.0);
        painter.circle(
            center,
            if moving { 6.0 } else { 4.5 },
            role_color(role),
            Stroke::new(1.0, Color32::WHITE),
        );
        if units.len() > 1 {
            painter.text(
                center + Vec2::new(7.0, -6.0),
                Align2::LEFT_CENTER,
                units.len().to_string(),
                FontId::proportional(10.0),
                Color32::BLACK,
            );
        }
    }

    // Legend of unit colours.
    let mut y = response.rect.bottom() - 14.0;
    for role in [
        UnitRole::Tracing,
        UnitRole::Testing,
        UnitRole::PatientTransport,
        UnitRole::Patrol,
        UnitRole::Supply,
        UnitRole::CommunitySupport,
        UnitRole::Disinfection,
    ] {
        painter.circle_filled(
            Pos2::new(response.rect.left() + 12.0, y),
            4.5,
            role_color(&role),
        );
        painter.text(
            Pos2::new(response.rect.left() + 22.0, y),
            Align2::LEFT_CENTER,
            role.words(lang),
            FontId::proportional(10.0),
            Color32::from_gray(40),
        );
        y -= 13.0;
    }

    if let Some(click) = response
        .interact_pointer_pos()
        .filter(|_| response.clicked())
    {
        let facility = facility_shapes
            .iter()
            .find(|(_, pos, _)| pos.distance(click) < 11.0)
            .map(|(p, _, _)| *p);
        let district = district_shapes
            .iter()
            .filter(|(_, c, r)| c.distance(click) <= *r)
            .min_by(|a, b| a.1.distance(click).total_cmp(&b.1.distance(click)))
            .map(|(p, _, _)| *p);
        state.selected = facility.or(district);
    }
    if let Some(hover) = response.hover_pos() {
        if let Some((_, _, name)) = facility_shapes
            .iter()
            .find(|(_, pos, _)| pos.distance(hover) < 11.0)
        {
            response.on_hover_text(name.clone());
        } else if let Some((Place::District(n), _, _)) = district_shapes
            .iter()
            .find(|(_, c, r)| c.distance(hover) <= *r)
        {
            let d = &exercise.districts()[*n];
            let s = &scenario.city.districts[*n];
            let mut text = format!(
                "{} — {} residents\nconfirmed {:.0} · level {:?} · trust {:.0}%",
                s.name,
                s.population,
                exercise.district_total(*n, |x| x.confirmed),
                d.level,
                d.trust * 100.0
            );
            if team.is_none() {
                text.push_str(&format!(
                    "\ninfected now {:.0} · in hospital {:.0} · rumour {:.0}%",
                    d.epi.infected(),
                    d.epi.hospitalised(),
                    d.rumour * 100.0
                ));
            }
            response.on_hover_text(text);
        }
    }
}
