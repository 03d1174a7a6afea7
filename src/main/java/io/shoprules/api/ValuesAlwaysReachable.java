package io.shoprules.api;

import io.quarkus.hibernate.validator.ValidatorFactoryCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Path;
import jakarta.validation.TraversableResolver;
import org.hibernate.validator.BaseHibernateValidatorConfiguration;

import java.lang.annotation.ElementType;

/**
 * Tells Hibernate Validator that every property may be read and cascaded into. What we validate
 * are requests and facts (records and plain values, never entities), and no entity of ours has an
 * association that could be lazy. With Hibernate ORM present the default resolver asks the
 * persistence provider whether each property of each object is loaded: in a profile of a
 * stored-fact scan that was about an eighth of the reading thread, for nothing it could refuse.
 * Quarkus uses a bean of this type for the validator factory.
 *
 * <p>It also turns off Hibernate Validator's cache of these answers, which it builds per object
 * validated around every resolver but its own: with answers this cheap the cache cost more than
 * asking, a tenth of the thread reading a stored-fact scan.
 */
@ApplicationScoped
public class ValuesAlwaysReachable implements TraversableResolver, ValidatorFactoryCustomizer {

    @Override
    public void customize(BaseHibernateValidatorConfiguration<?> configuration) {
        configuration.enableTraversableResolverResultCache(false);
    }

    @Override
    public boolean isReachable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
                               Path pathToTraversableObject, ElementType elementType) {
        return true;
    }

    @Override
    public boolean isCascadable(Object traversableObject, Path.Node traversableProperty, Class<?> rootBeanType,
                                Path pathToTraversableObject, ElementType elementType) {
        return true;
    }
}
