package org.inferbench.cli;

import java.util.concurrent.Callable;
import org.inferbench.doctor.Doctor;
import org.inferbench.doctor.Finding;
import org.inferbench.report.table.BoxTable;
import picocli.CommandLine.Command;

/** {@code inferbench doctor}: what on this machine will move the numbers, before measuring. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
    description = "Read what will move the numbers on this machine (CPU governor and boost, SMT, other load, steal,"
        + " cgroup CPU limits, memory, transparent huge pages, a 1 s clock probe, the JVM), each with what to do."
        + " It changes nothing; what a container or VM hides says \"not visible here\".")
final class DoctorCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    BoxTable t = new BoxTable("check", "", "state", "what to do");
    int warnings = 0;
    for (Finding f : Doctor.ofThisMachine().examine()) {
      t.row(f.check(), f.verdict().label(), f.state(), f.advice());
      if (f.verdict() == Finding.Verdict.WARN) warnings++;
    }
    System.out.print(t.render());
    System.out.println(warnings == 0 ? "nothing visible here should move the numbers"
        : warnings + " thing(s) may move the numbers; measure in forks (the default) so that the CI shows it");
    return ExitCodes.OK;
  }
}
