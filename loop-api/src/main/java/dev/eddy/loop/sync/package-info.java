/**
 * Synchronisation primitives for code running on an {@link dev.eddy.loop.IOLoop}: Tornado's
 * {@code tornado.locks} and {@code tornado.queues}. They coordinate callbacks and futures of one
 * loop; they are not locks between threads.
 *
 * <h2>Threading: loop-affine</h2>
 * None of these classes is thread-safe. Use each object only on the thread of the loop that runs
 * the code using it (while no loop runs, a single thread may use the methods without a timeout,
 * for setting up). From another thread, go through {@code IOLoop.addCallback}. A positive timeout
 * is measured by the loop running on the calling thread ({@code IOLoop.currentOrNull()}), and
 * asking for one with no loop running there throws {@link java.lang.IllegalStateException}.
 *
 * <p>Every future these classes return is completed on the loop's thread, never by another thread,
 * and only the loop's thread may cancel it. It is completed by the call that satisfies it ({@code
 * release}, {@code set}, {@code signal}, {@code put}, {@code get}, {@code taskDone}, or a timeout's
 * timer) once the primitive's own state is final, so its dependent stages added with the
 * non-{@code Async} methods run within that call and may use the primitive again. One exception
 * keeps the stack flat: when that call is itself made by such a dependent stage (a waiter that
 * releases the lock it was just given, whose next waiter does the same, and so on), the completion
 * is queued and done right after the running stage returns, instead of nesting inside it. Without
 * that, a few hundred such waiters overflow the stack, and {@code CompletableFuture} would turn the
 * {@code StackOverflowError} into a silently failed stage. A waiter chosen in that moment is
 * already served: cancelling or completing its future then returns false and changes nothing, as
 * with a Python future that is done, so no permit or item is lost.
 *
 * <p>Tornado (since 5.0) resumes every waiter on a later loop iteration instead; to get that, add
 * stages with {@code thenRunAsync(action, loop)} ({@code IOLoop} is an {@link
 * java.util.concurrent.Executor} that queues on the loop).
 *
 * <h2>Common rules</h2>
 * <ul>
 *   <li>Waiters are served first-in first-out.</li>
 *   <li>Timeouts are {@link java.time.Duration}s: {@code null} waits forever; zero or negative is
 *       an immediate check (Tornado 6.6, #3621): the operation succeeds if it can now, else its
 *       future is returned already timed out; positive waits at most that long.</li>
 *   <li>A timeout fails the future with {@link java.util.concurrent.TimeoutException} whose
 *       message names the operation ("Lock.acquire timed out after 10 ms"), except {@link
 *       dev.eddy.loop.sync.Condition#await(java.time.Duration)}, which completes with {@code
 *       false} as Tornado's does.</li>
 *   <li>A waiter that timed out or whose future was cancelled is removed at once: it holds no
 *       memory and no timer, and no later release, signal, put or get goes to it.</li>
 * </ul>
 *
 * <h2>Names</h2>
 * <table>
 *   <caption>Tornado names and their counterparts here</caption>
 *   <tr><th>Tornado</th><th>Eddy</th></tr>
 *   <tr><td>{@code Lock.acquire(timeout)}, {@code release()}</td>
 *       <td>{@link dev.eddy.loop.sync.Lock#acquire(java.time.Duration)}, {@code release()};
 *       {@code isLocked()} (asyncio's {@code locked()})</td></tr>
 *   <tr><td>{@code Semaphore}, {@code BoundedSemaphore}</td>
 *       <td>{@link dev.eddy.loop.sync.Semaphore}, {@link dev.eddy.loop.sync.BoundedSemaphore};
 *       {@code value()}</td></tr>
 *   <tr><td>{@code Event.is_set/set/clear/wait}</td>
 *       <td>{@link dev.eddy.loop.sync.Event}: {@code isSet/set/clear/await}</td></tr>
 *   <tr><td>{@code Condition.wait/notify(n)/notify_all}</td>
 *       <td>{@link dev.eddy.loop.sync.Condition}: {@code await/signal(n)/signalAll}
 *       ({@code Object.wait} and {@code notify} are final)</td></tr>
 *   <tr><td>{@code Queue.put/put_nowait/get/get_nowait/task_done/join/qsize/empty/full/maxsize}
 *       </td>
 *       <td>{@link dev.eddy.loop.sync.Queue}: {@code put/putNoWait/get/getNoWait/taskDone/join/
 *       qsize/isEmpty/isFull/maxsize}</td></tr>
 *   <tr><td>{@code PriorityQueue}, {@code LifoQueue}</td>
 *       <td>{@link dev.eddy.loop.sync.PriorityQueue} (a {@link java.util.Comparator} or natural
 *       order), {@link dev.eddy.loop.sync.LifoQueue}</td></tr>
 *   <tr><td>{@code QueueFull}, {@code QueueEmpty}</td>
 *       <td>{@link dev.eddy.loop.sync.QueueFullException},
 *       {@link dev.eddy.loop.sync.QueueEmptyException} (unchecked)</td></tr>
 *   <tr><td>{@code ValueError}/{@code RuntimeError} on misuse</td>
 *       <td>{@link java.lang.IllegalArgumentException} for bad arguments,
 *       {@link java.lang.IllegalStateException} for calls the state forbids</td></tr>
 * </table>
 * Tornado's {@code async with} has no counterpart: release in a {@code whenComplete} stage.
 */
package dev.eddy.loop.sync;
