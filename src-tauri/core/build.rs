fn main() {
    // sqlx::migrate! embeds the migrations at compile time and does not notice new files.
    println!("cargo:rerun-if-changed=migrations");
}
