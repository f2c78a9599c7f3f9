use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::time::{Duration, Instant};

use super::{Boxed, Combiner, Queued};

fn number(outcome: Queued) -> u64 {
    match outcome {
        Queued::Done(b) => *b.downcast::<u64>().expect("a number"),
        other => panic!("expected an outcome, got {other:?}"),
    }
}

fn doubled(jobs: Vec<Boxed>) -> Vec<Boxed> {
    jobs.into_iter()
        .map(|j| Box::new(*j.downcast::<u64>().expect("a number") * 2) as Boxed)
        .collect()
}

fn later() -> Instant {
    Instant::now() + Duration::from_secs(30)
}

#[test]
fn every_job_gets_its_own_outcome_and_batches_form_under_load() {
    let combiner = Arc::new(Combiner::new(1, 16));
    let sizes = Arc::new(Mutex::new(Vec::new()));
    let threads: Vec<_> = (0..32u64)
        .map(|t| {
            let combiner = Arc::clone(&combiner);
            let sizes = Arc::clone(&sizes);
            std::thread::spawn(move || {
                for i in 0..200u64 {
                    let n = t * 1000 + i;
                    let run = |jobs: Vec<Boxed>| {
                        sizes.lock().unwrap().push(jobs.len());
                        // Long enough for others to queue behind the batch.
                        std::thread::sleep(Duration::from_micros(200));
                        doubled(jobs)
                    };
                    assert_eq!(number(combiner.submit(Box::new(n), later(), &run)), n * 2);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let sizes = sizes.lock().unwrap();
    assert_eq!(sizes.iter().sum::<usize>(), 32 * 200, "each job ran once");
    assert!(
        sizes.iter().all(|&s| (1..=16).contains(&s)),
        "batches within the limit"
    );
    assert!(
        sizes.len() < 32 * 200 / 2,
        "jobs were combined: {} batches for {} jobs",
        sizes.len(),
        32 * 200
    );
}

#[test]
fn a_job_past_its_deadline_in_the_queue_never_runs() {
    let combiner = Arc::new(Combiner::new(1, 16));
    let ran = Arc::new(AtomicUsize::new(0));
    let started = Arc::new(Barrier::new(2));
    let release = Arc::new(Barrier::new(2));
    let leader = {
        let (combiner, ran, started, release) = (
            Arc::clone(&combiner),
            Arc::clone(&ran),
            Arc::clone(&started),
            Arc::clone(&release),
        );
        std::thread::spawn(move || {
            let run = |jobs: Vec<Boxed>| {
                ran.fetch_add(jobs.len(), Ordering::SeqCst);
                started.wait();
                release.wait();
                doubled(jobs)
            };
            number(combiner.submit(Box::new(1u64), later(), &run))
        })
    };
    started.wait();
    // The leader is busy: this one queues and runs out of time.
    let run = |jobs: Vec<Boxed>| {
        ran.fetch_add(jobs.len(), Ordering::SeqCst);
        doubled(jobs)
    };
    let expired = combiner.submit(
        Box::new(2u64),
        Instant::now() + Duration::from_millis(50),
        &run,
    );
    assert!(matches!(expired, Queued::Expired), "got {expired:?}");
    release.wait();
    assert_eq!(leader.join().unwrap(), 2);
    assert_eq!(ran.load(Ordering::SeqCst), 1, "the expired job never ran");
    // The lead was given up: a new job runs at once.
    assert_eq!(number(combiner.submit(Box::new(5u64), later(), &run)), 10);
}

#[test]
fn a_leader_that_panics_gives_its_batch_back_and_the_lead_goes_on() {
    let combiner = Arc::new(Combiner::new(1, 16));
    let c = Arc::clone(&combiner);
    let panicked = std::thread::spawn(move || {
        let run = |_: Vec<Boxed>| -> Vec<Boxed> { panic!("the batch failed") };
        c.submit(Box::new(1u64), later(), &run)
    })
    .join();
    assert!(panicked.is_err(), "the leader's thread unwound");
    // Nobody leads now, and nothing is stuck: jobs run again.
    assert_eq!(
        number(combiner.submit(Box::new(4u64), later(), &doubled)),
        8
    );
}

#[test]
fn a_batch_that_answers_too_few_gives_the_rest_back() {
    let combiner = Combiner::new(1, 16);
    let none = |_: Vec<Boxed>| Vec::new();
    assert!(matches!(
        combiner.submit(Box::new(1u64), later(), &none),
        Queued::Abandoned
    ));
}
