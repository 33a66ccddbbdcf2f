package io.socialpulse.emulators;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Keeps every Tomcat connector of the S3 emulator on 127.0.0.1. Its extra plain-HTTP connector
 * ignores {@code server.address} and would otherwise listen on every interface.
 */
public class LoopbackInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getBeanFactory().addBeanPostProcessor(new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                pin(bean);
                return bean;
            }

            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                pin(bean);
                return bean;
            }
        });
    }

    private static void pin(Object bean) {
        if (!bean.getClass().getName().equals("org.apache.catalina.connector.Connector")) {
            return;
        }
        try {
            bean.getClass().getMethod("setProperty", String.class, String.class).invoke(bean, "address", "127.0.0.1");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot pin the S3 emulator connector to loopback", e);
        }
    }
}
