//! The directory's pages: the home page that finds a network (its search box, map and
//! results) and a network's public page.

mod bin;
pub mod home;
pub mod in_page;
pub mod map_view;
pub mod search_box;

pub use bin::BinPage;
pub use home::HomePage;
