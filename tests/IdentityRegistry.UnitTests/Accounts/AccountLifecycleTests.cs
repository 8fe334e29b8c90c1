using Medimail.IdentityRegistry.Domain.Accounts;

namespace Medimail.IdentityRegistry.UnitTests.Accounts;

public class AccountLifecycleTests
{
    [Theory]
    [InlineData(AccountType.Per, AccountState.PreRegistered)]
    [InlineData(AccountType.Int, AccountState.PreRegistered)]
    [InlineData(AccountType.Med, AccountState.PreRegistered)]
    [InlineData(AccountType.Org, AccountState.Active)]
    [InlineData(AccountType.App, AccountState.Active)]
    public void Admin_creation_gives_pre_registered_people_and_active_shared_boxes(AccountType type, AccountState expected) =>
        Assert.Equal(expected, AccountLifecycle.InitialState(type, CreatedBy.Admin));

    [Theory]
    [InlineData(AccountType.Org)]
    [InlineData(AccountType.Per)]
    public void Self_registration_waits_for_validation(AccountType type) =>
        Assert.Equal(AccountState.PendingValidation, AccountLifecycle.InitialState(type, CreatedBy.SelfRegistration));

    [Theory]
    [InlineData(AccountState.Active)]
    [InlineData(AccountState.PreRegistered)]
    public void Active_and_pre_registered_accounts_can_be_disabled(AccountState from) =>
        Assert.Equal(AccountState.Disabled, AccountLifecycle.Disable(from).OrThrow());

    [Theory]
    [InlineData(AccountState.Disabled)]
    [InlineData(AccountState.PendingValidation)]
    public void Disabling_a_disabled_or_pending_account_is_refused(AccountState from)
    {
        var transition = AccountLifecycle.Disable(from);
        Assert.False(transition.Succeeded);
        Assert.Equal(from, transition.To);
        Assert.False(string.IsNullOrWhiteSpace(transition.Error));
    }

    [Theory]
    [InlineData(AccountState.PreRegistered)]
    [InlineData(AccountState.Active)]
    public void Enabling_returns_to_the_state_before_disabling(AccountState before) =>
        Assert.Equal(before, AccountLifecycle.Enable(AccountType.Per, AccountState.Disabled, before).OrThrow());

    [Theory]
    [InlineData(AccountType.Per, AccountState.PreRegistered)]
    [InlineData(AccountType.Org, AccountState.Active)]
    public void Enabling_without_a_known_previous_state_uses_the_creation_state(AccountType type, AccountState expected) =>
        Assert.Equal(expected, AccountLifecycle.Enable(type, AccountState.Disabled, null).OrThrow());

    [Fact]
    public void Enabling_an_account_that_is_not_disabled_is_refused() =>
        Assert.False(AccountLifecycle.Enable(AccountType.Per, AccountState.Active, null).Succeeded);

    [Fact]
    public void Validation_moves_pending_to_active() =>
        Assert.Equal(AccountState.Active, AccountLifecycle.Validate(AccountState.PendingValidation).OrThrow());

    [Theory]
    [InlineData(AccountState.PreRegistered)]
    [InlineData(AccountState.Active)]
    [InlineData(AccountState.Disabled)]
    public void Validating_an_account_not_pending_is_refused(AccountState from) =>
        Assert.False(AccountLifecycle.Validate(from).Succeeded);

    [Fact]
    public void Completing_enrolment_moves_pre_registered_to_active() =>
        Assert.Equal(AccountState.Active, AccountLifecycle.CompleteEnrolment(AccountState.PreRegistered).OrThrow());

    [Theory]
    [InlineData(AccountState.Active)]
    [InlineData(AccountState.Disabled)]
    [InlineData(AccountState.PendingValidation)]
    public void Completing_enrolment_of_an_account_not_pre_registered_throws_when_asked(AccountState from)
    {
        var exception = Assert.Throws<InvalidAccountTransitionException>(() => AccountLifecycle.CompleteEnrolment(from).OrThrow());
        Assert.Equal(from, exception.From);
        Assert.Contains("préinscrit", exception.Message);
    }

    [Fact]
    public void An_account_expires_on_its_expiry_date_itself()
    {
        var today = new DateOnly(2027, 1, 31);
        Assert.True(AccountLifecycle.IsExpired(today, today));
        Assert.False(AccountLifecycle.IsExpired(today.AddDays(1), today));
        Assert.False(AccountLifecycle.IsExpired(null, today));
    }
}
