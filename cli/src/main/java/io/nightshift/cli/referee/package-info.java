/**
 * The referee of {@code ./nightshift eval}: the protocol's split, the rank metrics and the
 * classical baselines (popularity, ItemKNN, tuned iALS) that the served lists are judged against
 * ({@code docs/quality.md}). Written apart from {@code batch-jobs}' models and sharing no code
 * with them, so the system under test never grades itself.
 */
package io.nightshift.cli.referee;
