echo "installing"
