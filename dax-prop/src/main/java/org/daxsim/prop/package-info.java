/**
 * dax-prop: a small property-based testing engine with integrated shrinking, stateful testing
 * and seed replay. It knows nothing about dax.
 *
 * <h2>Properties</h2>
 *
 * <p>Build values with {@link org.daxsim.prop.Gen} and check them with {@link
 * org.daxsim.prop.Property#forAll(Gen)} inside an ordinary JUnit {@code @Test}:
 *
 * <pre>{@code
 * @Test
 * void reversingTwiceIsIdentity() {
 *   Gen<List<Integer>> lists = Gen.lists(Gen.ints(-100, 100), 0, 20);
 *   Property.forAll(lists).named("reverse twice").checkAssert(list -> {
 *     List<Integer> copy = new ArrayList<>(list);
 *     Collections.reverse(copy);
 *     Collections.reverse(copy);
 *     assertThat(copy).isEqualTo(list);
 *   });
 * }
 * }</pre>
 *
 * <p>{@code check(predicate)} fails when the predicate returns false or throws; {@code
 * checkAssert(body)} fails when the body throws anything (AssertJ or JUnit assertions, checked
 * exceptions). A JUnit assumption failing inside a property discards that case. Custom
 * generators are lambdas over the {@link org.daxsim.prop.Source}: {@code Gen<Range> ranges = src
 * -> { long start = src.choose(0, 4095); return new Range(start, src.choose(start, 4096)); };}
 *
 * <h2>Failures, seeds and replay</h2>
 *
 * <p>A failing property throws a {@link org.daxsim.prop.PropertyFailure} (an {@link
 * AssertionError}) whose message gives the shrunk and original counterexamples, the original
 * failure, the failing try, the shrink work, and the seed, e.g. {@code Seed: 42 (replay with
 * -Ddax.prop.seed=42 or .seed(42L))}. Its cause is the shrunk case's failure. The run seed alone
 * determines every case (case {@code i} is seeded by the i-th {@code nextLong()} of a {@link
 * java.util.SplittableRandom} seeded with it, and only {@code nextLong()}, whose output is
 * specified, is used), and shrinking is deterministic, so a seed replays the same failure at
 * the same try with the same shrunk result, on any JDK 17 or later, provided the property
 * itself is deterministic.
 *
 * <h2>Settings</h2>
 *
 * <p>Defaults: 200 tries (passing cases), a random seed, at most 2000 shrink replays. Highest
 * precedence first:
 *
 * <ol>
 *   <li>System properties, for every property in the JVM: {@code -Ddax.prop.tries=N} replaces
 *       every property's tries (so a CI job can run deeper), {@code -Ddax.prop.seed=S} fixes
 *       every property's seed. Blank values count as unset; the build passes them through, e.g.
 *       {@code mvn verify -Ddax.prop.seed=42}.
 *   <li>The builder: {@code .tries(n)}, {@code .seed(s)}, {@code .maxShrinks(runs)}.
 *   <li>Annotations on the JUnit test method, its class or an enclosing class: {@link
 *       org.daxsim.prop.PropertyTries @PropertyTries(n)} and {@link
 *       org.daxsim.prop.PropertySeed @PropertySeed(s)}. They register their own Jupiter
 *       extension, which hands the values to properties run on the test's thread.
 * </ol>
 *
 * <h2>Stateful testing</h2>
 *
 * <p>{@link org.daxsim.prop.Stateful} runs generated sequences of {@link org.daxsim.prop.Action}s
 * against a fresh system under test and model per case, checks an invariant after every step,
 * and reports the shrunk sequence as numbered steps:
 *
 * <pre>{@code
 * Gen<Action<Stack, Deque<Integer>>> push = Gen.ints(0, 9).map(x -> Action.of("push(" + x + ")",
 *     (stack, model) -> { stack.push(x); model.push(x); }));
 * Action<Stack, Deque<Integer>> pop = Action.of("pop()", model -> !model.isEmpty(),
 *     (stack, model) -> assertThat(stack.pop()).isEqualTo(model.pop()));
 * Stateful.of(Stack::new, ArrayDeque<Integer>::new)
 *     .actions(Gen.oneOf(push, Gen.constant(pop)))
 *     .invariant((stack, model) -> assertThat(stack.size()).isEqualTo(model.size()))
 *     .maxSteps(40)
 *     .check();
 * }</pre>
 *
 * <h2>How shrinking works</h2>
 *
 * <p>Every generator draws bounded integers from the source, which records them as ranks (0 is
 * the simplest value). On failure the shrinker edits that sequence (deletes list elements,
 * steps and chunks of 8, 4, 2 or 1 choices; zeroes, binary-searches and decrements choices;
 * swaps and redistributes between nearby choices) and replays it through the same generators,
 * keeping an edit when the case still fails and the sequence got shorter or lexicographically
 * smaller. So {@code map}, {@code flatMap}, {@code filter} and custom generators shrink with no
 * per-type code. Replays past the end of an edited sequence take the simplest values.
 */
package org.daxsim.prop;
