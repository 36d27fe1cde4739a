/**
 * Activation of an installed environment, as {@code micromamba activate}/{@code run} and {@code pixi
 * shell-hook}/{@code run} do it: {@link dev.envx.activate.Activation} is what activating a prefix means (the
 * prefix's platform directories on {@code PATH}, {@code CONDA_PREFIX}, {@code CONDA_DEFAULT_ENV}, the
 * environment's {@code conda-meta/state} variables, the manifest's variables and the
 * {@code etc/conda/activate.d} scripts); {@link dev.envx.activate.Shell} writes it as a script a shell evaluates;
 * {@link dev.envx.activate.Runner} runs a command in it, through a shell that sources the scripts, with the
 * command's exit status and signals passed through. Depends on {@code model.conda}, {@code io} and {@code diag}.
 */
package dev.envx.activate;
