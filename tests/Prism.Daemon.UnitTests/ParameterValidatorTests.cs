using System.Text.Json;
using Prism.Daemon.Transport;

namespace Prism.Daemon.UnitTests;

/// <summary>The contract's parameter rules, including those of methods the daemon does not serve yet.</summary>
public sealed class ParameterValidatorTests
{
    [Theory]
    [InlineData("""{"phone":"+491701234567","pin":"1234"}""")]
    [InlineData("""{"phone":"+491701234567","pin":"1234","restore_only":true}""")]
    [InlineData("""{"phone":"+491701234567","restore_only":true}""")]
    public void Login_with_valid_params_has_no_problem(string parameters) =>
        Assert.Null(ParameterValidator.FindProblem("login", Parse(parameters)));

    [Theory]
    [InlineData("""{"phone":"0170 1234567","pin":"1234"}""", "'phone'", "0170 1234567")]
    [InlineData("""{"phone":"+491701234567","pin":"12345"}""", "'pin'", "12345")]
    [InlineData("""{"phone":"+491701234567","pin":1234}""", "'pin'", "1234")]
    [InlineData("""{"phone":"+491701234567","pin":"1234","restore_only":"yes"}""", "'restore_only'", "yes")]
    [InlineData("""{"phone":"+491701234567"}""", "'pin'", "+491701234567")]
    [InlineData("""{"phone":"+491701234567","restore_only":false}""", "'pin'", "+491701234567")]
    [InlineData("""{"phone":"+491701234567","pin":"1234","password":"hunter2"}""", "'password'", "hunter2")]
    [InlineData("""{"phone":"+491701234567\n","pin":"1234"}""", "'phone'", "+491701234567")]
    [InlineData("""{"phone":"+491701234567","pin":"6093\n"}""", "'pin'", "6093")]
    public void Login_problem_names_the_parameter_and_never_repeats_a_value(string parameters, string named, string value)
    {
        var problem = ParameterValidator.FindProblem("login", Parse(parameters));

        Assert.NotNull(problem);
        Assert.Contains(named, problem, StringComparison.Ordinal);
        Assert.DoesNotContain(value, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Confirm_2fa_token_is_optional_but_must_be_4_to_8_digits()
    {
        Assert.Null(ParameterValidator.FindProblem("confirm_2fa", Parse("{}")));
        Assert.Null(ParameterValidator.FindProblem("confirm_2fa", Parse("""{"token":"123456"}""")));
        Assert.Contains("4-8 digits", ParameterValidator.FindProblem("confirm_2fa", Parse("""{"token":"12"}""")), StringComparison.Ordinal);
        Assert.Contains("4-8 digits", ParameterValidator.FindProblem("confirm_2fa", Parse("""{"token":"123456\n"}""")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_login_without_pin_is_told_that_only_a_restore_may_leave_it_out() =>
        Assert.Contains("\"restore_only\":true", ParameterValidator.FindProblem("login", Parse("""{"phone":"+491701234567"}""")), StringComparison.Ordinal);

    [Fact]
    public void Positional_params_for_a_method_with_named_params_say_how_to_send_them()
    {
        var problem = ParameterValidator.FindProblem("login", Parse("""["+491701234567","1234"]"""));

        Assert.Contains("object", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("1234", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Methods_without_params_accept_nothing_an_empty_object_or_an_empty_array()
    {
        Assert.Null(ParameterValidator.FindProblem("get_status", null));
        Assert.Null(ParameterValidator.FindProblem("get_status", Parse("{}")));
        Assert.Null(ParameterValidator.FindProblem("get_status", Parse("[]")));
    }

    private static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
