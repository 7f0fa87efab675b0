//! Work spread over every core, its results in the order of its inputs: the output is the
//! same whatever the number of cores.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// How many threads to run `tasks` pieces of work on: one per core, no more than tasks.
fn threads(tasks: usize) -> usize {
    std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(tasks)
        .max(1)
}

/// `f` on every item, on every core (items taken one at a time, so uneven items balance).
/// The first error stops the items not yet started and is returned. A panic in `f` is the
/// caller's panic.
pub(crate) fn try_for_each<T: Sync, E: Send>(
    items: &[T],
    f: impl Fn(&T) -> Result<(), E> + Sync,
) -> Result<(), E> {
    let workers = threads(items.len());
    if workers == 1 {
        return items.iter().try_for_each(f);
    }
    let next = AtomicUsize::new(0);
    let failure = Mutex::new(None::<E>);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else {
                    break;
                };
                if let Err(e) = f(item) {
                    if let Ok(mut first) = failure.lock() {
                        first.get_or_insert(e);
                    }
                    next.store(items.len(), Ordering::Relaxed);
                }
            });
        }
    });
    // The scope returned, so no worker panicked while holding the lock.
    match failure.into_inner().ok().flatten() {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

/// `f` of every item, computed on every core, returned in the items' order.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let results: Vec<Mutex<Option<R>>> = items.iter().map(|_| Mutex::new(None)).collect();
    let indexed: Vec<(usize, &T)> = items.iter().enumerate().collect();
    let done = try_for_each(&indexed, |&(i, item)| {
        let result = f(item);
        results[i]
            .lock()
            .map(|mut slot| *slot = Some(result))
            .map_err(|_| ())
    });
    debug_assert!(done.is_ok());
    // Every slot is filled: no worker panicked, and a slot's lock fails only after a panic.
    results
        .into_iter()
        .filter_map(|slot| slot.into_inner().ok().flatten())
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u64> = (0..1000).collect();
        // Uneven work, so that items finish out of order.
        let squares = super::map(&items, |&i| {
            if i % 7 == 0 {
                std::thread::sleep(std::time::Duration::from_micros(50));
            }
            i * i
        });
        assert_eq!(squares, items.iter().map(|i| i * i).collect::<Vec<_>>());
        assert!(super::map(&[] as &[u8], |_| 0).is_empty());
    }

    #[test]
    fn the_first_error_stops_the_rest() {
        let items: Vec<u32> = (0..10_000).collect();
        let started = std::sync::atomic::AtomicUsize::new(0);
        let result = super::try_for_each(&items, |&i| {
            started.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if i == 10 {
                Err(i)
            } else {
                Ok(())
            }
        });
        assert_eq!(result, Err(10));
        assert!(
            started.into_inner() < items.len(),
            "items after the error were skipped"
        );
    }
}
