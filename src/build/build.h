/*
 * Batch rendering (`vita build`): discovery of profiles, parallel workers, progress, shards,
 * incremental skipping, atomic outputs.
 */
#ifndef VITA_BUILD_H
#define VITA_BUILD_H

/* Runs `vita build ARGS…` (argv[0] is "build"); returns the exit status. */
int vita_build_main(int argc, char **argv);

#endif
