//! Level select: the campaign, levels found on disk and the file from the command line. A broken
//! file is listed with its first error.

use bevy::prelude::*;
use bevy::ui::UiGlobalTransform;

use crate::game::catalog::{CHAPTERS, Catalog, Chapter, CurrentLevel, Level};
use crate::game::playback::{self, ReplayInfo, Replays};
use crate::settings::Lang;
use crate::states::Screen;
use crate::ui::i18n::Texts;
use crate::ui::palette::Palette;
use crate::ui::widgets::{self, MenuFocus};

/// The scrolling list of levels.
#[derive(Component)]
struct LevelList;

/// What Level select's buttons do.
#[derive(Component, Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LevelButton {
    /// The lobby of the catalog's level N.
    Level(usize),
    /// Play back replay N of the list.
    Replay(usize),
    /// Show or hide the campaign's versions in the other language.
    OtherLanguage,
}

pub(super) fn plugin(app: &mut App) {
    widgets::add_buttons::<LevelButton>(app);
    app.init_resource::<ShowOtherLanguage>();
    app.init_resource::<ListedLevels>();
    app.add_systems(OnEnter(Screen::LevelSelect), spawn_level_list);
    app.add_systems(
        Update,
        (act_on_level_list, scroll_to_focus).run_if(in_state(Screen::LevelSelect)),
    );
}

/// Keeps the highlighted level in view: the list scrolls as the keyboard moves down a long list,
/// and shows the level being played when the screen opens.
fn scroll_to_focus(
    focus: Res<MenuFocus>,
    mut lists: Query<(&mut ScrollPosition, &ComputedNode, &UiGlobalTransform), With<LevelList>>,
    items: Query<(&widgets::MenuItem, &ComputedNode, &UiGlobalTransform)>,
) {
    let Ok((mut scroll, list, list_at)) = lists.single_mut() else {
        return;
    };
    let Some((_, item, item_at)) = items.iter().find(|(m, ..)| m.0 == focus.0) else {
        return;
    };
    // Logical pixels, relative to the list's centre (layout is from the last frame).
    let k = list.inverse_scale_factor;
    let centre = (item_at.translation.y - list_at.translation.y) * k;
    let (half_view, half_item) = (list.size.y * k / 2.0, item.size.y * k / 2.0);
    if half_view <= 0.0 {
        return;
    }
    if centre - half_item < -half_view {
        scroll.0.y += centre - half_item + half_view;
    } else if centre + half_item > half_view {
        scroll.0.y += centre + half_item - half_view;
    }
}

/// Level select shows the campaign's versions in the other language too (behind one toggle).
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
struct ShowOtherLanguage(pub bool);

/// The catalog index of each of Level select's menu items, in keyboard order (`None`: not a
/// level); the problem panel shows the focused level's errors.
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct ListedLevels(pub Vec<Option<usize>>);

/// One line of Level select, in keyboard order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    /// A heading (not a menu item).
    Heading(&'static str),
    /// A chapter of the campaign (its version's index in the catalog).
    Chapter(Chapter, usize),
    /// A level of the facilitator's own (its index in the catalog).
    Own(usize),
    /// The toggle of the other language's versions.
    Toggle,
}

/// What Level select lists: the chapters in the interface's language (`lang`), the toggle, the
/// other language's versions when shown, then every level of the facilitator's own.
fn entries(catalog: &Catalog, lang: Lang, show_other: bool) -> Vec<Entry> {
    let other = if lang == Lang::Da { "en" } else { "da" };
    let chapter = |file_lang: &'static str| {
        move |c: &Chapter| {
            let i = catalog.levels.iter().position(|l| {
                l.replay.is_none() && l.chapter().is_some_and(|(k, f)| k == *c && f == file_lang)
            })?;
            Some(Entry::Chapter(*c, i))
        }
    };
    let mut list = vec![Entry::Heading("levels-chapters")];
    list.extend(CHAPTERS.iter().filter_map(chapter(lang.code())));
    list.push(Entry::Toggle);
    if show_other {
        list.extend(CHAPTERS.iter().filter_map(chapter(other)));
    }
    let own: Vec<Entry> = catalog
        .levels
        .iter()
        .enumerate()
        .filter(|(_, l)| l.replay.is_none() && l.chapter().is_none())
        .map(|(i, _)| Entry::Own(i))
        .collect();
    if !own.is_empty() {
        list.push(Entry::Heading("levels-own"));
        list.extend(own);
    }
    list
}

/// The catalog index of each menu item that is a level, in keyboard order (`None`: the toggle).
fn menu_levels(list: &[Entry]) -> Vec<Option<usize>> {
    list.iter()
        .filter_map(|e| match e {
            Entry::Heading(_) => None,
            Entry::Chapter(_, i) | Entry::Own(i) => Some(Some(*i)),
            Entry::Toggle => Some(None),
        })
        .collect()
}

/// The list of levels, the highlight on the level being played (or where it was, when a changed
/// file or the toggle shows the list again).
fn spawn_level_list(
    mut commands: Commands,
    view: (
        Res<Palette>,
        Res<Texts>,
        Res<ShowOtherLanguage>,
        ResMut<ListedLevels>,
    ),
    catalog: Res<Catalog>,
    current: Res<CurrentLevel>,
    mut focus: ResMut<MenuFocus>,
    best: Res<crate::scores::BestScores>,
    replays: Res<Replays>,
    mut transitions: MessageReader<StateTransitionEvent<Screen>>,
) {
    let (palette, texts, show, mut listed) = view;
    // Shown again because a file changed or the toggle was pressed (Level select to Level
    // select): the highlight stays where it was.
    let again = transitions
        .read()
        .last()
        .is_some_and(|t| t.exited == Some(Screen::LevelSelect));
    let list = entries(&catalog, texts.lang, show.0);
    let items = menu_levels(&list);
    if !again {
        focus.0 = items
            .iter()
            .position(|i| *i == Some(current.0))
            .unwrap_or(0);
    }
    focus.0 = focus
        .0
        .min((items.len() + replays.0.len()).saturating_sub(1));
    listed.0.clone_from(&items);
    let shown = ListView {
        catalog: &catalog,
        best: &best,
        texts: &texts,
        palette: &palette,
        other: show.0,
    };
    spawn_screen(&mut commands, &list, &shown, &replays, items.len());
}

/// The heading, the scrolling list (levels, then replays from menu item `first_replay`) and the
/// hint.
fn spawn_screen(
    commands: &mut Commands,
    list: &[Entry],
    shown: &ListView,
    replays: &Replays,
    first_replay: usize,
) {
    let (texts, palette) = (shown.texts, shown.palette);
    commands
        .spawn((DespawnOnExit(Screen::LevelSelect), widgets::root()))
        .with_children(|p| {
            p.spawn(widgets::heading(
                texts.t("levels-heading"),
                36.0,
                palette.text,
            ));
            p.spawn((
                LevelList,
                Node {
                    flex_direction: FlexDirection::Column,
                    align_items: AlignItems::Center,
                    row_gap: px(5),
                    max_height: px(580),
                    overflow: Overflow::scroll_y(),
                    ..default()
                },
            ))
            .with_children(|l| {
                spawn_entries(l, list, shown);
                spawn_replays(l, replays, first_replay, texts, palette);
            });
            p.spawn(widgets::label(texts.t("levels-hint"), 16.0, palette.dim));
        });
}

/// What a line of the list needs to be written.
struct ListView<'a> {
    catalog: &'a Catalog,
    best: &'a crate::scores::BestScores,
    texts: &'a Texts,
    palette: &'a Palette,
    /// The other language's versions are shown.
    other: bool,
}

/// The list's lines, menu items numbered from 0.
fn spawn_entries(list: &mut ChildSpawnerCommands, entries: &[Entry], v: &ListView) {
    let mut order = 0;
    for e in entries {
        match *e {
            Entry::Heading(key) => {
                list.spawn(widgets::label(v.texts.t(key), 20.0, v.palette.dim));
                continue;
            }
            Entry::Chapter(chapter, i) => {
                let level = &v.catalog.levels[i];
                let title = format!("{}. {}", chapter.number, level_line(level, v.best));
                let detail = detail_line(level, v.best, v.texts);
                let button = LevelButton::Level(i);
                list.spawn(two_line_button(title, detail, button, order, v.palette));
            }
            Entry::Own(i) => {
                let level = &v.catalog.levels[i];
                let detail = detail_line(level, v.best, v.texts);
                let title = level_line(level, v.best);
                let button = LevelButton::Level(i);
                list.spawn(two_line_button(title, detail, button, order, v.palette));
            }
            Entry::Toggle => {
                let key = if v.other {
                    "levels-hide-other"
                } else {
                    "levels-show-other"
                };
                let text = v.texts.t(key);
                list.spawn(widgets::button(
                    text,
                    LevelButton::OtherLanguage,
                    order,
                    v.palette,
                ));
            }
        }
        order += 1;
    }
}

/// A level's button: its title line, and a dimmer line below (what it teaches, its goals).
fn two_line_button(
    title: String,
    detail: String,
    button: LevelButton,
    order: usize,
    palette: &Palette,
) -> impl Bundle {
    (
        Button,
        button,
        widgets::MenuItem(order),
        Node {
            width: px(1000),
            flex_direction: FlexDirection::Column,
            padding: UiRect::axes(px(16), px(5)),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BackgroundColor(palette.button),
        children![
            (
                Text::new(title),
                TextFont {
                    font_size: FontSize::Px(20.0),
                    ..default()
                },
                TextColor(palette.text),
            ),
            (
                Text::new(detail),
                TextFont {
                    font_size: FontSize::Px(15.0),
                    ..default()
                },
                TextColor(palette.dim),
            ),
        ],
    )
}

/// What a level teaches and its goals, each marked ✓ once met in either language's version
/// (kept with the best scores).
fn detail_line(level: &Level, best: &crate::scores::BestScores, texts: &Texts) -> String {
    let Ok(s) = &level.scenario else {
        return String::new();
    };
    // A chapter's goals are the same in both languages: met in either version counts.
    let met: Vec<String> = match crate::game::catalog::chapter_of(&level.name) {
        Some((chapter, _)) => [chapter.da, chapter.en]
            .iter()
            .flat_map(|f| best.met_goals(f).iter().cloned())
            .collect(),
        None => best.met_goals(&level.name).to_vec(),
    };
    let goals: Vec<String> = s
        .goals
        .iter()
        .map(|g| {
            let mark = if met.contains(&g.key()) { "✓" } else { "○" };
            format!("{mark} {}", super::goal_text(texts, *g))
        })
        .collect();
    match (s.lesson.is_empty(), goals.is_empty()) {
        (_, true) => s.lesson.clone(),
        (true, false) => format!("{}: {}", texts.t("levels-goals"), goals.join(" · ")),
        (false, false) => format!(
            "{}\n{}: {}",
            s.lesson,
            texts.t("levels-goals"),
            goals.join(" · ")
        ),
    }
}

/// The replays of the results folder, after the levels (menu items from `first` on).
fn spawn_replays(
    list: &mut ChildSpawnerCommands,
    replays: &Replays,
    first: usize,
    texts: &Texts,
    palette: &Palette,
) {
    if replays.0.is_empty() {
        return;
    }
    list.spawn(widgets::label(texts.t("levels-replays"), 20.0, palette.dim));
    for (k, entry) in replays.0.iter().enumerate() {
        let text = match &entry.info {
            Ok(info) => replay_line(info, texts),
            Err(e) => format!("⚠ {}: {e}", entry.path.display()),
        };
        list.spawn(widgets::button(
            text,
            LevelButton::Replay(k),
            first + k,
            palette,
        ));
    }
}

/// A replay as the list shows it: ▶, its scenario, round, situation (seed) and agreement.
fn replay_line(info: &ReplayInfo, texts: &Texts) -> String {
    let mut line = format!("▶ {}", info.title);
    if let Some(r) = info.round {
        line.push_str(&format!(
            " · {}",
            texts.t_args("round-n", &[("n", r.into())])
        ));
    }
    line.push_str(&format!(
        " · {}",
        texts.t_args("seed-n", &[("seed", info.seed.to_string().into())])
    ));
    if let Some(a) = &info.agreement {
        let quoted = texts.t_args("compare-agreement", &[("text", a.clone().into())]);
        line.push_str(&format!(" · {quoted}"));
    }
    line
}

/// A level as the list shows it: its title, language and best score, ⚠ when its file has a
/// problem, or the first error of a file that cannot be played.
fn level_line(level: &Level, best: &crate::scores::BestScores) -> String {
    let best = best.get(&level.name);
    let lang = level
        .scenario
        .as_ref()
        .map(|s| s.language.to_uppercase())
        .unwrap_or_default();
    let best = best
        .map(|b| format!("   ★ {}", b.round()))
        .unwrap_or_default();
    match &level.scenario {
        Ok(_) if level.problem.is_some() => format!("⚠ {}   [{lang}]{best}", level.title()),
        Ok(_) => format!("{}   [{lang}]{best}", level.title()),
        Err(e) => format!("⚠ {}", e.lines().next().unwrap_or_default()),
    }
}

fn act_on_level_list(
    mut commands: Commands,
    mut buttons: MessageReader<LevelButton>,
    mut next: ResMut<NextState<Screen>>,
    mut current: ResMut<CurrentLevel>,
    mut catalog: ResMut<Catalog>,
    mut replays: ResMut<Replays>,
    keys: Res<ButtonInput<KeyCode>>,
    mut show_other: ResMut<ShowOtherLanguage>,
) {
    for button in buttons.read() {
        match button {
            LevelButton::OtherLanguage => {
                show_other.0 = !show_other.0;
                next.set(Screen::LevelSelect);
            }
            LevelButton::Level(i) if catalog.levels.get(*i).is_some_and(|l| l.scenario.is_ok()) => {
                current.0 = *i;
                next.set(Screen::Lobby);
            }
            LevelButton::Replay(k) => {
                let Some(entry) = replays.0.get_mut(*k) else {
                    continue;
                };
                match playback::open(&entry.path) {
                    Ok(p) => playback::start(&mut commands, p, &mut catalog, &mut next),
                    // Said on its line; the list stays.
                    Err(e) => entry.info = Err(e),
                }
            }
            LevelButton::Level(_) => {}
        }
    }
    if crate::ui::keys::pressed(
        &keys,
        crate::keymap::Control::Back,
        crate::keymap::Context::Menu,
    ) {
        next.set(Screen::Title);
    }
}
