//! The shape of `src/`: no module imports one above it in the map of `src/lib.rs`, and no source file grows past 450
//! lines.

use std::path::{Path, PathBuf};

/// The map of `src/lib.rs`, bottom up.
const LAYERS: [&str; 15] = [
    "domain", "filters", "i18n", "ui", "platform", "upstream", "sandbox", "services", "state", "portal", "console", "api", "ops", "app",
    "server",
];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn no_module_imports_one_above_it_and_files_stay_small() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let lib = std::fs::read_to_string(src.join("lib.rs")).unwrap();
    let mut problems = Vec::new();
    for layer in LAYERS {
        if !lib.contains(&format!("[`{layer}`]")) {
            problems.push(format!("src/lib.rs's map does not name {layer}"));
        }
    }
    // Every top-level module is on the map (a new one cannot be left out of the check).
    for line in lib.lines() {
        if let Some(name) = line.trim().strip_prefix("pub mod ").and_then(|n| n.strip_suffix(';')) {
            if !LAYERS.contains(&name) {
                problems.push(format!("src/lib.rs declares {name}, which this test's map lacks"));
            }
        }
    }
    for path in &files {
        let rel = path.strip_prefix(&src).unwrap();
        let top = rel.components().next().unwrap().as_os_str().to_string_lossy().trim_end_matches(".rs").to_string();
        let text = std::fs::read_to_string(path).unwrap();
        if text.lines().count() > 450 {
            problems.push(format!("{} has {} lines", rel.display(), text.lines().count()));
        }
        let Some(rank) = LAYERS.iter().position(|l| *l == top) else { continue };
        for line in text.lines().map(|l| l.split("//").next().unwrap_or("")) {
            for (i, _) in line.match_indices("crate::") {
                let name: String = line[i + 7..].chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect();
                if let Some(other) = LAYERS.iter().position(|l| *l == name) {
                    if other > rank {
                        problems.push(format!("{} imports {name}, which is above {top}", rel.display()));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
}
