//! What the backend tells the window without being asked: the events' names and the
//! presenter's commands. The bottom of the shell: the modules that send events use
//! these, and `bindings` writes them (with the payloads) as TypeScript for the window,
//! where only `backend.ts` subscribes.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A dataset was opened or reloaded: the window fetches it again (`session::Opened`).
pub const DATASET_EVENT: &str = "orgpath://dataset";
/// A file did not open (or a reload failed): the window shows the problems (`session::Failed`).
pub const PROBLEMS_EVENT: &str = "orgpath://problems";
/// A file started loading: the window shows progress if it takes long (its name).
pub const LOADING_EVENT: &str = "orgpath://loading";
/// Where the tour is: sent to the presenter window (`stage::Stage`, or null).
pub const STAGE_EVENT: &str = "orgpath://stage";
/// A key pressed in the presenter window: sent to the main window ([`StageCommand`]).
pub const COMMAND_EVENT: &str = "orgpath://stage-command";

/// A key from the presenter window, for the main window's tour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum StageCommand {
    Next,
    Previous,
    First,
    Last,
    Black,
    White,
    Leave,
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_presenter_command_is_one_of_seven_words() {
        let next: super::StageCommand = serde_json::from_str("\"next\"").unwrap();
        assert_eq!(next, super::StageCommand::Next);
        assert!(serde_json::from_str::<super::StageCommand>("\"jump\"").is_err());
    }
}
