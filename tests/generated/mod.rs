//! The tests generated for the fixture specs (decoding of each operation's examples and
//! error table), compiled from their golden files.

#[path = "../golden/shapes/tests/shapes_v2020_01_01.rs"]
mod shapes;

#[path = "../golden/shapes/tests/kube_v2023_01_01.rs"]
mod kube;

#[path = "../golden/shapes/tests/texts_v2024_01_01.rs"]
mod texts;
