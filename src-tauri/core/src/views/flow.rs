//! IN PROGRESS: being written; returns an empty scene until then.

use crate::graph::Dataset;
use crate::scene::{Scene, View};

use super::SceneOptions;

pub fn scene(dataset: &Dataset, options: &SceneOptions) -> Scene {
    let _ = dataset;
    let mut s = Scene {
        view: View::Flow,
        lang: options.lang,
        width: 0.0,
        height: 0.0,
        title: String::new(),
        description: String::new(),
        regions: Vec::new(),
        edges: Vec::new(),
        cards: Vec::new(),
        labels: Vec::new(),
        legend: Vec::new(),
    };
    s.fit(options.scale.margin);
    s
}
