// Interface between the simulator (sim/obti_sim.cpp) and the models around
// the SoC (sim/models/*.cpp): each model drives and samples the SoC's pins
// once per cycle, may take command-line options, and registers itself with
// OBTI_MODEL so that adding a model never touches the harness.
#ifndef OBTI_MODEL_H
#define OBTI_MODEL_H

#include <cstdint>
#include <cstdio>
#include <string>

class Vobti_soc;

class ObtiModel {
 public:
  virtual ~ObtiModel() = default;
  virtual const char *name() const = 0;
  // argv[i] is an option; return how many arguments it takes up (1 or more),
  // or 0 when it is not this model's.
  virtual int parse_option(int argc, char **argv, int i) {
    (void)argc; (void)argv; (void)i;
    return 0;
  }
  // Lines for --help, one option per line.
  virtual void usage(FILE *out) const { (void)out; }
  // After the firmware is loaded, before the first cycle.
  virtual void start(Vobti_soc *top) { (void)top; }
  // Drive the SoC's inputs for this cycle (before the rising edge).
  virtual void before_edge(Vobti_soc *top, uint64_t cycle) { (void)top; (void)cycle; }
  // Sample the SoC's outputs after the rising edge.
  virtual void after_edge(Vobti_soc *top, uint64_t cycle) { (void)top; (void)cycle; }
  // At the end of the run: 0, or a non-zero exit code when the model saw the
  // run fail (it prints why on stderr).
  virtual int finish() { return 0; }
};

void obti_register_model(ObtiModel *(*factory)());

// Ends the simulation after this cycle with the given exit code and reason
// (e.g. a model saw a protocol violation). The first call wins.
void obti_sim_fail(int code, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

// Cycles since reset was released.
uint64_t obti_sim_cycle();

// Parses a number option (decimal or 0x hex), exits with a usage error otherwise.
uint64_t obti_sim_parse_u64(const char *opt, const char *s);

#define OBTI_MODEL(cls)                                                          \
  namespace {                                                                    \
  struct cls##Registrar {                                                        \
    cls##Registrar() {                                                           \
      obti_register_model([]() -> ObtiModel * { return new cls(); });            \
    }                                                                            \
  } cls##_registrar;                                                             \
  }

#endif
