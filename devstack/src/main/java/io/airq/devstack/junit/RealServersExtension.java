package io.airq.devstack.junit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Resolves {@link Servers} parameters with the one instance shared by the test JVM. */
public final class RealServersExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == Servers.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return Servers.shared();
  }
}
