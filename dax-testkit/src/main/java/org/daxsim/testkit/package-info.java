/**
 * dax-testkit: what users build property-based regression suites for their dax designs from:
 * domain generators, the {@code DaxOperations} contract suite, world invariants and a JUnit 5
 * extension.
 */
package org.daxsim.testkit;
