//! The pure decisions of the sync engine, case by case.
use super::*;
use crate::nexudus::Registration;
use crate::queue::Target;

fn op(seq: i64, key: &str, state: OpState, operation: Operation) -> QueuedOp {
    QueuedOp {
        visitor_key: key.into(),
        next_attempt_at: Utc::now() - chrono::Duration::seconds(1),
        ..QueuedOp::for_test(seq, state, operation)
    }
}

fn check_in(target: Target) -> Operation {
    Operation::CheckIn {
        target,
        at: Utc::now(),
        location: None,
    }
}

fn register(n: usize) -> Operation {
    let visit = Registration {
        business_id: 1,
        full_name: "V".into(),
        email: Some("v@x.test".into()),
        phone_number: None,
        expected_arrival: Utc::now(),
        customer_notes: None,
    };
    Operation::Register {
        visits: vec![visit; n],
    }
}

#[test]
fn only_the_oldest_open_operation_of_a_visitor_acts() {
    let open = [
        op(
            1,
            "visitor:7",
            OpState::Pending,
            check_in(Target::Server(7)),
        ),
        op(
            2,
            "visitor:7",
            OpState::Pending,
            Operation::CheckOut {
                target: Target::Server(7),
                at: Utc::now(),
            },
        ),
        op(
            3,
            "visitor:8",
            OpState::Pending,
            check_in(Target::Server(8)),
        ),
    ];
    assert_eq!(
        plan(&open, Utc::now()).actions,
        [Action::Send("op1".into()), Action::Send("op3".into())]
    );
}

#[test]
fn an_operation_waiting_for_a_person_holds_back_its_visitor_only() {
    let open = [
        op(
            1,
            "op:w",
            OpState::NeedsAttention,
            check_in(Target::Queued("w".into())),
        ),
        op(
            2,
            "op:w",
            OpState::Pending,
            Operation::CheckOut {
                target: Target::Queued("w".into()),
                at: Utc::now(),
            },
        ),
        op(
            3,
            "visitor:8",
            OpState::Pending,
            check_in(Target::Server(8)),
        ),
    ];
    assert_eq!(
        plan(&open, Utc::now()).actions,
        [Action::Send("op3".into())]
    );
}

#[test]
fn uncertain_operations_are_looked_for_and_future_ones_set_the_wake_time() {
    let mut later_op = op(
        2,
        "visitor:2",
        OpState::Pending,
        check_in(Target::Server(2)),
    );
    let wake = Utc::now() + chrono::Duration::seconds(30);
    later_op.next_attempt_at = wake;
    let open = [
        op(
            1,
            "visitor:1",
            OpState::Uncertain,
            check_in(Target::Server(1)),
        ),
        later_op,
    ];
    let plan = plan(&open, Utc::now());
    assert_eq!(plan.actions, [Action::Reconcile("op1".into())]);
    assert_eq!(plan.next_wake, Some(wake));
}

#[test]
fn registrations_are_batched_up_to_thirty_visits_per_request() {
    let open = [
        op(1, "op:a", OpState::Pending, register(10)),
        op(2, "op:b", OpState::Pending, register(15)),
        op(3, "op:c", OpState::Pending, register(10)),
        op(4, "op:d", OpState::Pending, register(1)),
    ];
    assert_eq!(
        plan(&open, Utc::now()).actions,
        [
            Action::SendRegistrations(vec!["op1".into(), "op2".into()]),
            Action::SendRegistrations(vec!["op3".into(), "op4".into()]),
        ]
    );
    let mut alone = op(5, "op:e", OpState::Pending, register(2));
    alone.send_alone = true;
    assert_eq!(
        plan(&[alone], Utc::now()).actions,
        [Action::Send("op5".into())]
    );
}

#[test]
fn in_flight_operations_are_left_alone() {
    let open = [op(
        1,
        "visitor:1",
        OpState::InFlight,
        check_in(Target::Server(1)),
    )];
    assert!(plan(&open, Utc::now()).actions.is_empty());
}

#[test]
fn answers_map_to_the_documented_life_of_an_operation() {
    let now = Utc::now();
    let walk_in = register(1);
    let throttled = after_error(
        &walk_in,
        1,
        &ApiError::Throttled {
            wait: Some(Duration::from_secs(7)),
        },
        now,
    );
    assert_eq!(
        throttled,
        Next::Wait {
            state: OpState::Pending,
            at: now + chrono::Duration::seconds(7),
            reason: ApiError::Throttled { wait: None }.message_key().stored()
        }
    );
    assert!(matches!(
        after_error(
            &walk_in,
            1,
            &ApiError::Uncertain {
                detail: String::new()
            },
            now
        ),
        Next::Wait {
            state: OpState::Uncertain,
            ..
        }
    ));
    assert!(matches!(
        after_error(
            &walk_in,
            1,
            &ApiError::Transient {
                status: Some(500),
                detail: String::new()
            },
            now
        ),
        Next::Wait {
            state: OpState::Uncertain,
            ..
        }
    ));
    assert!(matches!(
        after_error(
            &walk_in,
            2,
            &ApiError::Offline {
                detail: String::new()
            },
            now
        ),
        Next::Wait {
            state: OpState::Pending,
            ..
        }
    ));
    let invalid = ApiError::Validation {
        message: "Invalid Email Address".into(),
        fields: vec![],
    };
    assert!(matches!(
        after_error(&walk_in, 1, &invalid, now),
        Next::Attention { .. }
    ));
    let rejected = ApiError::Rejected {
        message: "no".into(),
        fields: vec![],
    };
    assert!(matches!(
        after_error(&walk_in, 1, &rejected, now),
        Next::Wait { .. }
    ));
    assert!(matches!(
        after_error(&walk_in, 3, &rejected, now),
        Next::Attention { .. }
    ));
    assert_eq!(
        after_error(&walk_in, 1, &ApiError::SignInRequired, now),
        Next::Paused
    );
    let delete = Operation::DeleteVisitor {
        target: Target::Server(1),
    };
    assert_eq!(
        after_error(&delete, 1, &ApiError::NotFound, now),
        Next::Done
    );
    assert!(matches!(
        after_error(&check_in(Target::Server(1)), 1, &ApiError::NotFound, now),
        Next::Attention { .. }
    ));
}

#[test]
fn backoff_grows_with_attempts_up_to_its_cap() {
    let now = Utc::now();
    let offline = ApiError::Offline {
        detail: String::new(),
    };
    for attempts in [1, 5, 50] {
        let Next::Wait { at, .. } = after_error(&register(1), attempts, &offline, now) else {
            panic!("offline waits");
        };
        assert!(at - now <= chrono::Duration::seconds(30));
    }
}
