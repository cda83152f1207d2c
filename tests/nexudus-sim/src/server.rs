//! Serves the simulator on a socket. Connections are served by hand (hyper) rather than
//! `axum::serve` so that a fault can drop one connection mid-request, and stopping the sim
//! closes live keep-alive connections too (a stopped server must look offline to clients).

use std::net::SocketAddr;
use std::sync::Arc;

use axum::routing::{delete, get, post};
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use tower::ServiceExt;

use crate::config::SimConfig;
use crate::middleware::ConnectionKill;
use crate::state::{DataSet, Sim};
use crate::{admin, auth, control, middleware, public};

pub fn router(sim: Arc<Sim>) -> Router {
    let api = Router::new()
        .route("/api/token", post(auth::token))
        .route(
            "/api/spaces/visitors",
            get(admin::list_visitors)
                .post(admin::create_visitor)
                .put(admin::update_visitor),
        )
        .route(
            "/api/spaces/visitors/",
            get(admin::list_visitors)
                .post(admin::create_visitor)
                .put(admin::update_visitor),
        )
        .route(
            "/api/spaces/visitors/commands",
            get(admin::visitor_commands),
        )
        .route(
            "/api/spaces/visitors/runcommand",
            post(admin::run_visitor_command),
        )
        .route(
            "/api/spaces/visitors/{id}",
            get(admin::get_visitor).delete(admin::delete_visitor),
        )
        .route("/api/spaces/coworkers", get(admin::list_coworkers))
        .route("/api/spaces/coworkers/{id}", get(admin::get_coworker))
        .route("/api/sys/businesses", get(admin::list_businesses))
        .route(
            "/api/sys/businesses/getByHost",
            get(admin::business_by_host),
        )
        .route("/api/sys/businesses/{id}", get(admin::get_business))
        .route(
            "/api/public/visitors",
            post(public::register_visitors).get(public::method_not_allowed),
        )
        .route("/api/public/visitors/my", get(public::my_visitors))
        .route("/api/public/visitors/all", get(public::method_not_allowed))
        .route(
            "/api/public/visitors/upcoming",
            get(public::method_not_allowed),
        )
        .route("/api/public/visitors/{id}", delete(public::cancel_visitor))
        .route(
            "/api/public/businesses/withVisitors",
            get(public::businesses_with_visitors),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            sim.clone(),
            middleware::nexudus,
        ));
    let control = Router::new()
        .route("/_sim/state", get(control::state))
        .route("/_sim/log", get(control::log))
        .route("/_sim/visitors", post(control::add_visitor))
        .route("/_sim/visitors/{id}", get(control::visitor))
        .route("/_sim/visitors/{id}/check-in", post(control::check_in))
        .route("/_sim/visitors/{id}/check-out", post(control::check_out))
        .route("/_sim/visitors/{id}/approval", post(control::approval))
        .route(
            "/_sim/faults",
            post(control::add_faults)
                .get(control::list_faults)
                .delete(control::clear_faults),
        )
        .route("/_sim/tokens/expire", post(control::expire_tokens))
        .route("/_sim/throttle", post(control::throttle))
        .route(
            "/_sim/config",
            get(control::get_config).post(control::patch_config),
        )
        .route("/_sim/reset", post(control::reset))
        // A fault may carry a big body (a test of an over-large answer).
        .layer(axum::extract::DefaultBodyLimit::max(64 * 1024 * 1024));
    api.merge(control).with_state(sim)
}

#[derive(Clone, Debug)]
pub struct StartOptions {
    pub bind: SocketAddr,
    pub config: SimConfig,
    pub data: DataSet,
}

impl Default for StartOptions {
    fn default() -> Self {
        StartOptions {
            bind: SocketAddr::from(([127, 0, 0, 1], 0)),
            config: SimConfig::default(),
            data: DataSet::Demo,
        }
    }
}

/// A simulator serving in this process; dropping it (or [`RunningSim::stop`]) stops it.
pub struct RunningSim {
    pub addr: SocketAddr,
    pub sim: Arc<Sim>,
    shutdown: CancellationToken,
    task: Option<JoinHandle<()>>,
}

impl RunningSim {
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting and closes every open connection; returns once the socket is closed.
    pub async fn stop(mut self) {
        self.shutdown.cancel();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningSim {
    fn drop(&mut self) {
        self.shutdown.cancel();
    }
}

pub async fn start(options: StartOptions) -> std::io::Result<RunningSim> {
    let sim = Arc::new(Sim::new(options.config, options.data));
    start_with(sim, options.bind).await
}

/// Serves an existing simulator state, e.g. to bring a stopped sim back on the same port with
/// the data it had.
pub async fn start_with(sim: Arc<Sim>, bind: SocketAddr) -> std::io::Result<RunningSim> {
    let listener = TcpListener::bind(bind).await?;
    let addr = listener.local_addr()?;
    let shutdown = CancellationToken::new();
    let app = router(sim.clone());
    let task = tokio::spawn(accept_loop(listener, app, shutdown.clone()));
    Ok(RunningSim {
        addr,
        sim,
        shutdown,
        task: Some(task),
    })
}

async fn accept_loop(listener: TcpListener, app: Router, shutdown: CancellationToken) {
    let connections = tokio_util::task::TaskTracker::new();
    loop {
        let accepted = tokio::select! {
            _ = shutdown.cancelled() => break,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, _)) = accepted else {
            continue;
        };
        let app = app.clone();
        let shutdown = shutdown.clone();
        connections.spawn(async move {
            let kill = CancellationToken::new();
            let kill_handle = kill.clone();
            let service =
                hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
                    request
                        .extensions_mut()
                        .insert(ConnectionKill(kill_handle.clone()));
                    app.clone().oneshot(request)
                });
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            tokio::select! {
                _ = connection => {}
                _ = kill.cancelled() => {}
                _ = shutdown.cancelled() => {}
            }
        });
    }
    drop(listener);
    connections.close();
    connections.wait().await;
}
