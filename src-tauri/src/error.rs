//! The one error type of the app shell, and its shape on the IPC wire.

use serde::Serialize;

/// An error as the window receives it: `{ "code": "...", "message": "..." }`.
/// The UI matches on `code`; a unit test pins the JSON.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("no dataset is loaded")]
    NoDataset,
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    Export(String),
    #[error("nothing has the id \"{0}\"")]
    NotFound(String),
}

impl Error {
    fn code(&self) -> &'static str {
        match self {
            Error::NoDataset => "no-dataset",
            Error::BadRequest(_) => "bad-request",
            Error::Export(_) => "export",
            Error::NotFound(_) => "not-found",
        }
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut s = serializer.serialize_struct("Error", 2)?;
        s.serialize_field("code", self.code())?;
        s.serialize_field("message", &self.to_string())?;
        s.end()
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::Error;

    #[test]
    fn ipc_shape_is_pinned() {
        let json = serde_json::to_string(&Error::NoDataset).unwrap();
        assert_eq!(
            json,
            r#"{"code":"no-dataset","message":"no dataset is loaded"}"#
        );
        let json = serde_json::to_string(&Error::NotFound("x".into())).unwrap();
        assert_eq!(
            json,
            r#"{"code":"not-found","message":"nothing has the id \"x\""}"#
        );
    }
}
